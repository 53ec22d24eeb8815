"""
What a full name may hold. The name is printed on signed certificates, so it
must print: at least one letter, and nothing invisible that could hide it,
reorder it (a right-to-left override turns "Hoa" into "aoH") or make two
names that look alike differ. Legitimate names in any script pass: letters,
accents, spaces, hyphens, apostrophes, dots.
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# NFC composes every Vietnamese letter into one character, accents included
# (ễ is one character), so marks left over stand on letters of other scripts.
# More than this on one letter is a stack that prints over the lines around it.
MAX_MARKS_ON_ONE_LETTER = 3


# Letters to Unicode that print as nothing at all: the Hangul fillers, a
# known way to make a name that looks blank.
INVISIBLE_LETTERS = frozenset("\u115f\u1160\u3164\uffa0")

INVISIBLE_CONTROL = _(
    "The full name contains an invisible control character (%(character)s). Type the name again without it."
)
INVISIBLE_FORMAT = _(
    "The full name contains an invisible formatting character (%(character)s), such as a zero-width space "
    "or a text-direction mark. Type the name again without it."
)
UNPRINTABLE = _("The full name contains a character that cannot be printed (%(character)s).")


def category(character):
    """The Unicode category, with the invisible letters counted as format characters."""
    return "Cf" if character in INVISIBLE_LETTERS else unicodedata.category(character)


def validate_full_name(value):
    """
    Refuse a name that would print nothing or print something else. Checked on
    the form the name is stored in (NFC, with runs of spaces collapsed), so
    decomposed input, tabs and doubled spaces are not faults.
    """
    name = " ".join(unicodedata.normalize("NFC", value or "").split())
    categories = [category(character) for character in name]
    problems = []
    for message, kinds in ((INVISIBLE_CONTROL, {"Cc"}), (INVISIBLE_FORMAT, {"Cf"}), (UNPRINTABLE, {"Co", "Cs", "Cn"})):
        found = next((character for character, kind in zip(name, categories) if kind in kinds), None)
        if found:
            problems.append(ValidationError(message, code="unprintable", params={"character": f"U+{ord(found):04X}"}))
    if name and not any(kind.startswith("L") for kind in categories):
        problems.append(ValidationError(_("The full name must contain at least one letter."), code="no_letter"))
    else:
        problems.extend(mark_problems(categories))
    if problems:
        raise ValidationError(problems)


def mark_problems(categories):
    """Accent marks that stand on no letter, or too many on one."""
    base, run, problems = None, 0, []
    for category in categories:
        if not category.startswith("M"):
            base, run = category, 0
            continue
        run += 1
        if base is None or not base.startswith("L"):
            return [ValidationError(_("The full name has an accent mark that belongs to no letter."), code="mark")]
        if run > MAX_MARKS_ON_ONE_LETTER:
            problems = [ValidationError(_("The full name has too many accent marks on one letter."), code="marks")]
    return problems
