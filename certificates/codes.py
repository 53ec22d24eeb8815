"""
Certificate codes people can read aloud and type: 11 random characters and a
check character from an alphabet without look-alikes (no 0/O, 1/I/L), shown
as K7QF-9M2X-DT4P and accepted in any case, with or without dashes.
"""

from lms.readable_codes import ALPHABET, compact, grouped, random_code

# Luhn mod N needs an alphabet of even size (it has 30), or doubling a
# character stops being one-to-one and typos slip through.
BODY_LENGTH = 11


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
    body = random_code(BODY_LENGTH)
    return body + check_character(body)


def normalise(typed):
    """The stored form of a typed code, or InvalidCode saying what is wrong with it."""
    code = compact(typed)
    if len(code) != BODY_LENGTH + 1 or any(char not in ALPHABET for char in code):
        raise InvalidCode("format")
    if check_character(code[:-1]) != code[-1]:
        raise InvalidCode("check")
    return code


__all__ = ["ALPHABET", "BODY_LENGTH", "InvalidCode", "check_character", "grouped", "new_code", "normalise"]
