"""
Codes people read off paper and type: certificate codes, one-time sign-in
codes. One alphabet without look-alikes (no 0/O, 1/I/L, or Z read as 2),
accepted in any case, with or without dashes and spaces, shown in groups of 4.
"""

import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXY"
GROUP = 4


def random_code(length):
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def compact(typed):
    """What was typed, without spaces or dashes, in capitals."""
    return "".join(typed.split()).replace("-", "").upper()


def grouped(code):
    return "-".join(code[start:start + GROUP] for start in range(0, len(code), GROUP))
