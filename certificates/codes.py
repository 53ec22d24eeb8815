"""
Certificate codes people can read aloud and type: 11 random characters and a
check character from an alphabet without look-alikes (no 0/O, 1/I/L), shown
as K7QF-9M2X-DT4P and accepted in any case, with or without dashes.
"""

import secrets

# 30 characters: no 0/O, 1/I/L, or Z (read as 2). Luhn mod N needs an even
# count, or doubling a character stops being one-to-one and typos slip through.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXY"
BODY_LENGTH = 11
GROUP = 4


class InvalidCode(ValueError):
    """Why a typed code cannot be a certificate code: `reason` is "format" or "check"."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def check_character(body):
    """Luhn mod N over the alphabet: catches any one mistyped character and most swapped neighbours."""
    base = len(ALPHABET)
    total = 0
    factor = 2
    for char in reversed(body):
        addend = factor * ALPHABET.index(char)
        total += addend // base + addend % base
        factor = 1 if factor == 2 else 2
    return ALPHABET[(base - total % base) % base]


def new_code():
    body = "".join(secrets.choice(ALPHABET) for _ in range(BODY_LENGTH))
    return body + check_character(body)


def normalise(typed):
    """The stored form of a typed code, or InvalidCode saying what is wrong with it."""
    code = "".join(typed.split()).replace("-", "").upper()
    if len(code) != BODY_LENGTH + 1 or any(char not in ALPHABET for char in code):
        raise InvalidCode("format")
    if check_character(code[:-1]) != code[-1]:
        raise InvalidCode("check")
    return code


def grouped(code):
    return "-".join(code[start:start + GROUP] for start in range(0, len(code), GROUP))
