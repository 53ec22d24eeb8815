"""
Database ids as they arrive from users: in a URL, a form field or a query
string. An id the database could not hold is no id at all (a 404 or a form
error), not a crash: SQLite raises OverflowError for an integer above
2^63 − 1, PostgreSQL a DataError, and `"²".isdigit()` is true although
`int("²")` fails.

URL patterns use the `id` converter (`path("quizzes/<id:page_id>/", ...)`):
a number too large for the database matches no pattern, so Django answers
404 before the view runs. Values from forms and query strings go through
`parse_id`.
"""

from django.urls import register_converter

# The largest value of a 64-bit signed integer column (Django's BigAutoField).
MAX_ID = 2**63 - 1
MAX_DIGITS = len(str(MAX_ID))


def parse_id(value):
    """The positive integer `value` spells in ASCII digits (surrounding spaces allowed), or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 0 < value <= MAX_ID else None
    if not isinstance(value, str):
        return None
    value = value.strip()
    if not value or len(value) > MAX_DIGITS or not (value.isascii() and value.isdecimal()):
        return None
    number = int(value)
    return number if 0 < number <= MAX_ID else None


class IdConverter:
    """A path segment of ASCII digits that is a database id; anything larger matches nothing."""

    regex = f"[0-9]{{1,{MAX_DIGITS}}}"

    def to_python(self, value):
        number = parse_id(value)
        if number is None:
            # Django reads a ValueError from a converter as "this pattern does not match".
            raise ValueError(value)
        return number

    def to_url(self, value):
        return str(value)


register_converter(IdConverter, "id")
