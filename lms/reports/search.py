"""
Finding people by name the way HR types it: "nguyen van a" finds "Nguyễn Văn
A", and "đ" is typed "d". Names are stored in NFC (lms.accounts.models), so
each accented letter is one character, which PostgreSQL's TRANSLATE maps to
its bare letter in one call, with no extension (unaccent) and no stored copy a
bulk import could leave behind. SQLite has no TRANSLATE (and its LOWER folds
only ASCII): each SQLite connection gets `search_key` itself as a SQL
function, registered when the connection opens.
"""

from django.db.models import CharField, Func

from lms.slugs import without_diacritics

BASE_LETTERS = {
    "a": "áàảãạăắằẳẵặâấầẩẫậ",
    "e": "éèẻẽẹêếềểễệ",
    "i": "íìỉĩị",
    "o": "óòỏõọôốồổỗộơớờởỡợ",
    "u": "úùủũụưứừửữự",
    "y": "ýỳỷỹỵ",
    "d": "đ",
}
ACCENTED = "".join(BASE_LETTERS.values())
BARE = "".join(base * len(letters) for base, letters in BASE_LETTERS.items())
SQLITE_FUNCTION = "hocso_search_key"


def search_key(text):
    """`text` as it is compared: lower case, without accents, "đ" as "d", spaces collapsed."""
    return " ".join(without_diacritics(text or "").lower().split())


class SearchKey(Func):
    """`search_key` of a text column, in SQL."""

    output_field = CharField()
    arity = 1

    def as_sql(self, compiler, connection, **extra):
        extra["template"] = "LOWER(TRANSLATE(%(expressions)s, '{}', '{}'))".format(
            ACCENTED + ACCENTED.upper(), BARE + BARE
        )
        return super().as_sql(compiler, connection, **extra)

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, function=SQLITE_FUNCTION, **extra)


def register_sqlite_function(sender, connection, **kwargs):
    """Receiver of `connection_created`: give SQLite connections the search key function."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(SQLITE_FUNCTION, 1, search_key, deterministic=True)
