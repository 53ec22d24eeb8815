"""
Importing organisational units and people from the spreadsheets HR keeps.

Both imports read a CSV or XLSX file as Excel leaves it: comma or semicolon
separated, UTF-8 with or without a byte-order mark or Windows-1258, headers
in Vietnamese or English, trailing spaces, empty rows, and numbers stored as
numbers (a staff id 1234 read back as 1234.0). Every row gets a status
(new, updated, unchanged, or an error and why) before anything is written;
an import with any error writes nothing, and importing the same file again
changes nothing.

Units are matched by `code`, people by `staff_id` when the row has one, else
by e-mail. An empty cell leaves the field as it is. The importer acts only
inside their own units (`units_in_scope`); the command line acts everywhere.
"""

import csv
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import OrgUnit, User, no_mailbox_address, normalise_text
from .scope import units_in_scope
from .signals import send_members_confirmed
from .validators import validate_full_name

MAX_FILE_BYTES = 20 * 1024 * 1024
BATCH_SIZE = 1000

NEW = "new"
UPDATED = "updated"
UNCHANGED = "unchanged"
ERROR = "error"
STATUS_LABELS = {
    NEW: gettext_lazy("new"),
    UPDATED: gettext_lazy("updated"),
    UNCHANGED: gettext_lazy("unchanged"),
    ERROR: gettext_lazy("error"),
}


class ImportFileError(Exception):
    """The whole file is refused (not a table we can read, or its headers are not ours)."""


def header_key(text):
    return " ".join(unicodedata.normalize("NFC", str(text or "")).split()).casefold()


def aliases(table):
    return {header_key(alias): column for column, names in table.items() for alias in names}


UNIT_COLUMNS = aliases({
    "code": ["code", "Mã đơn vị"],
    "name": ["name", "Tên đơn vị"],
    "kind": ["kind", "Loại"],
    "parent_code": ["parent_code", "Mã đơn vị cấp trên"],
    "headcount": ["headcount", "Số cán bộ"],
})
PEOPLE_COLUMNS = aliases({
    "full_name": ["full_name", "Họ và tên"],
    "email": ["email", "e-mail", "Email"],
    "phone": ["phone", "Số điện thoại"],
    "org_unit": ["org_unit", "Mã đơn vị"],
    "position": ["position", "Chức vụ"],
    "learner_type": ["learner_type", "Đối tượng"],
    "staff_id": ["staff_id", "Mã cán bộ"],
})
KINDS = {header_key(alias): kind for kind, names in {
    OrgUnit.Kind.PROVINCE: ["province", "tỉnh", "tỉnh/thành phố", "thành phố"],
    OrgUnit.Kind.DEPARTMENT: ["department", "sở", "sở, ngành", "ban", "ngành"],
    OrgUnit.Kind.COMMUNE: ["commune", "xã", "phường", "xã/phường", "đặc khu"],
    OrgUnit.Kind.UNIT: ["unit", "đơn vị", "đơn vị trực thuộc", "phòng"],
}.items() for alias in names}
LEARNER_TYPES = {header_key(alias): kind for kind, names in {
    User.LearnerType.OFFICIAL: ["official", "cán bộ", "công chức", "cán bộ, công chức", "viên chức"],
    User.LearnerType.CITIZEN: ["citizen", "người dân"],
}.items() for alias in names}


# Reading the file -------------------------------------------------------------------------------


def read_rows(data, filename, columns):
    """
    The file's rows as (line number, {column: text}) with only the columns
    we know; every cell stripped, empty rows left out. Refuses a file it
    cannot read or whose header names none of `columns`' headers.
    """
    if data[:4] == b"PK\x03\x04" or filename.lower().endswith((".xlsx", ".xlsm")):
        table = xlsx_table(data)
    else:
        table = csv_table(decode(data))
    header, mapping = None, {}
    for line, cells in table:
        if header is None:
            if not any(cells):
                continue
            header = cells
            mapping = {
                index: columns[header_key(name)] for index, name in enumerate(cells) if header_key(name) in columns
            }
            unknown = [name for name in cells if name and header_key(name) not in columns]
            if not mapping or unknown:
                raise ImportFileError(_(
                    "The first row must name the columns; these headers are not known: %(headers)s. "
                    "Known headers: %(known)s."
                ) % {"headers": ", ".join(unknown) or "—", "known": ", ".join(sorted(set(columns.values())))})
            continue
        if not any(cells):
            continue
        yield line, {column: cells[index] if index < len(cells) else "" for index, column in mapping.items()}
    if header is None:
        raise ImportFileError(_("The file is empty."))


def decode(data):
    """Text of a CSV file: UTF-8 (with or without BOM), UTF-16 with a BOM, or Windows-1258; anything else refused."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = unicodedata.normalize("NFC", data.decode("cp1258"))
    except UnicodeDecodeError:
        text = None
    # Windows-1258 maps nearly every byte to something, so a binary file or another
    # encoding decodes too: control characters or marks on no letter betray it.
    if text is None or re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|(^|[^\w])[\u0300-\u036f]", text):
        raise ImportFileError(_(
            "The file is neither UTF-8 nor Windows-1258 text. In Excel, save it as “CSV UTF-8 (Comma delimited)” "
            "or as an Excel workbook (.xlsx)."
        ))
    return text


def csv_table(text):
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    if first_line.count("\t") > max(first_line.count(";"), first_line.count(",")):
        delimiter = "\t"
    for line, cells in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), start=1):
        yield line, [" ".join(unicodedata.normalize("NFC", cell).split()) for cell in cells]


def xlsx_table(data):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise ImportFileError(_("The file is not an Excel workbook that can be read (%(error)s).") % {
            "error": type(error).__name__}) from None
    try:
        sheet = workbook.worksheets[0]
        for line, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield line, [xlsx_text(value) for value in values]
    finally:
        workbook.close()


def xlsx_text(value):
    """A cell as the text a person typed: 1234.0 stored as a number reads 1234."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return " ".join(unicodedata.normalize("NFC", str(value)).split())


def number_text(text):
    """A code Excel stored as a number and wrote back as 1234.0 is 1234; 00123 stays 00123."""
    return text[:-2] if re.fullmatch(r"\d+\.0", text) else text


def phone_text(text):
    """
    A phone number Excel kept as a number has lost its leading zero (0912345678
    reads 912345678): Vietnamese numbers written without +84 start with 0.
    """
    text = number_text(text)
    return "0" + text if re.fullmatch(r"[1-9]\d{8,9}", text) else text


# Results ----------------------------------------------------------------------------------------


@dataclass
class Row:
    line: int
    values: dict
    status: str = UNCHANGED
    errors: list = field(default_factory=list)
    changes: list = field(default_factory=list)
    target: object = None

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]

    def error(self, message):
        self.errors.append(str(message))
        self.status = ERROR


@dataclass
class Report:
    rows: list

    def count(self, status):
        return sum(1 for row in self.rows if row.status == status)

    @property
    def errors(self):
        return [row for row in self.rows if row.status == ERROR]

    @property
    def counts(self):
        return {status: self.count(status) for status in (NEW, UPDATED, UNCHANGED, ERROR)}

    @property
    def has_errors(self):
        return any(row.status == ERROR for row in self.rows)


class ImportRefused(Exception):
    """Apply was asked for an import with row errors: nothing was written."""

    def __init__(self, report):
        super().__init__(_("The import has rows with errors; nothing was saved."))
        self.report = report


def scope_ids(importer):
    """The ids of the units `importer` may act in; None for the command line, which acts everywhere."""
    return None if importer is None else set(units_in_scope(importer).values_list("pk", flat=True))


# Organisational units ---------------------------------------------------------------------------


def preview_units(data, filename, importer=None):
    """Every row of a unit file with its status; writes nothing."""
    rows = [Row(line, values) for line, values in read_rows(data, filename, UNIT_COLUMNS)]
    existing = {unit.code: unit for unit in OrgUnit.objects.all()}
    by_path = {unit.path: unit for unit in existing.values()}
    current_parent = {
        code: (by_path.get(unit.path[:-OrgUnit.steplen]).code if unit.depth > 1 else None)
        for code, unit in existing.items()
    }
    allowed = scope_ids(importer)
    in_file = {}
    for row in rows:
        values = row.values
        code = number_text(values.get("code", ""))
        values["code"] = code
        values["parent_code"] = number_text(values.get("parent_code", ""))
        if not code:
            row.error(_("The unit has no code."))
            continue
        if len(code) > 32:
            row.error(_("The code is longer than 32 characters."))
        if code in in_file:
            row.error(_("The code %(code)s is also on line %(line)s.") % {"code": code, "line": in_file[code].line})
            continue
        in_file[code] = row
        unit = existing.get(code)
        if not values.get("name") and unit is None:
            row.error(_("A new unit needs a name."))
        if len(values.get("name", "")) > 255:
            row.error(_("The name is longer than 255 characters."))
        kind = values.get("kind", "")
        if kind:
            if header_key(kind) not in KINDS:
                row.error(_("Unknown kind “%(kind)s”: use province, department, commune or unit "
                            "(tỉnh, sở, xã, đơn vị).") % {"kind": kind})
            else:
                values["kind"] = KINDS[header_key(kind)]
        elif unit is None:
            row.error(_("A new unit needs a kind."))
        headcount = number_text(values.get("headcount", ""))
        if headcount and not headcount.isdigit():
            row.error(_("The headcount must be a whole number, not “%(value)s”.") % {"value": headcount})
        values["headcount"] = int(headcount) if headcount.isdigit() else None

    # The tree once the file is applied; an empty parent code makes a unit a top-level one.
    parent = dict(current_parent)
    for code, row in in_file.items():
        parent[code] = row.values["parent_code"] or None
    for code, row in in_file.items():
        parent_code = parent[code]
        if parent_code and parent_code not in parent:
            row.error(_("The parent unit %(code)s is neither in the file nor in the tree.") % {"code": parent_code})
            continue
        seen, ancestor = {code}, parent_code
        while ancestor is not None and ancestor in parent:
            if ancestor in seen:
                row.error(_("The unit would end up below itself (a cycle through %(code)s).") % {"code": ancestor})
                break
            seen.add(ancestor)
            ancestor = parent[ancestor]
        if allowed is not None and not row.errors:
            check_unit_scope(row, existing, parent, allowed)

    for code, row in in_file.items():
        if row.errors:
            continue
        unit = existing.get(code)
        if unit is None:
            row.status = NEW
            continue
        values = row.values
        if values.get("name") and normalise_text(values["name"]) != unit.name:
            row.changes.append(_("name"))
        if values.get("kind") and values["kind"] != unit.kind:
            row.changes.append(_("kind"))
        if values["headcount"] is not None and values["headcount"] != unit.headcount:
            row.changes.append(_("headcount"))
        if parent[code] != current_parent[code]:
            row.changes.append(_("parent unit"))
        row.status = UPDATED if row.changes else UNCHANGED
    report = Report(rows)
    report.parent = parent
    return report


def check_unit_scope(row, existing, parent, allowed):
    """The unit must stay inside the importer's units: where it is now, if it exists, and where it goes."""
    code = row.values["code"]
    unit = existing.get(code)
    if unit is not None and unit.pk not in allowed:
        row.error(_("The unit %(code)s is outside the units you are responsible for.") % {"code": code})
        return
    ancestor = parent[code]
    while ancestor is not None:
        known = existing.get(ancestor)
        if known is not None and known.pk in allowed:
            return
        ancestor = parent.get(ancestor)
    row.error(_("The unit %(code)s would be placed outside the units you are responsible for.") % {"code": code})


@transaction.atomic
def apply_units(data, filename, importer=None):
    """Write a unit file: all of it, parents before children, or nothing if any row has an error."""
    report = preview_units(data, filename, importer)
    if report.has_errors:
        raise ImportRefused(report)
    parent = report.parent

    def depth(code):
        level = 0
        while parent.get(code):
            code, level = parent[code], level + 1
        return level

    changed = [row for row in report.rows if row.status != UNCHANGED]
    for row in sorted(changed, key=lambda row: depth(row.values["code"])):
        values = row.values
        code = values["code"]
        parent_unit = OrgUnit.objects.get(code=parent[code]) if parent[code] else None
        if row.status == NEW:
            fields = {"code": code, "name": values["name"], "kind": values["kind"],
                      "headcount": values["headcount"] or 0}
            if parent_unit is None:
                OrgUnit.add_root(**fields)
            else:
                parent_unit.add_child(**fields)
            continue
        unit = OrgUnit.objects.get(code=code)
        current = unit.get_parent()
        if (current.code if current else None) != parent[code]:
            if parent_unit is None:
                unit.move(OrgUnit.get_first_root_node(), "sorted-sibling")
            else:
                unit.move(parent_unit, "sorted-child")
            unit = OrgUnit.objects.get(code=code)
        unit.name = values.get("name") or unit.name
        unit.kind = values.get("kind") or unit.kind
        if values["headcount"] is not None:
            unit.headcount = values["headcount"]
        unit.save()
    return report


# People -----------------------------------------------------------------------------------------

PERSON_FIELDS = ("full_name", "email", "phone", "org_unit", "position", "learner_type", "staff_id")
LIMITS = {"phone": 20, "position": 150, "staff_id": 32, "full_name": 150, "email": 254}


def chunks(values, size=BATCH_SIZE):
    values = list(values)
    for start in range(0, len(values), size):
        yield values[start:start + size]


def existing_people(field_name, keys):
    found = {}
    for batch in chunks(keys):
        for user in User.objects.filter(**{f"{field_name}__in": batch}):
            found[getattr(user, field_name)] = user
    return found


def preview_people(data, filename, importer=None):
    """Every row of a people file with its status (and, for a change, which fields); writes nothing."""
    rows = [Row(line, values) for line, values in read_rows(data, filename, PEOPLE_COLUMNS)]
    for row in rows:
        clean_person(row)
    staff_ids = {row.values["staff_id"] for row in rows if row.values.get("staff_id")}
    emails = {row.values["email"] for row in rows if row.values.get("email")}
    by_staff_id = existing_people("staff_id", staff_ids)
    by_email = existing_people("email", emails)
    units = {code: (pk, path) for code, pk, path in OrgUnit.objects.values_list("code", "pk", "path")}
    allowed = scope_ids(importer)
    keys = {}
    for row in rows:
        values = row.values
        staff_id, email = values.get("staff_id"), values.get("email")
        key = ("staff_id", staff_id) if staff_id else ("email", email)
        if key[1]:
            if key in keys:
                row.error(_("The same person is also on line %(line)s.") % {"line": keys[key].line})
            keys.setdefault(key, row)
        if email and staff_id:
            if ("email", email) in keys:
                row.error(_("The e-mail %(email)s is also on line %(line)s.") % {
                    "email": email, "line": keys[("email", email)].line})
            keys.setdefault(("email", email), row)
        user = by_staff_id.get(staff_id) if staff_id else by_email.get(email)
        if staff_id and user is None and email in by_email:
            # A person first imported by e-mail now gets their staff id.
            other = by_email[email]
            if other.staff_id:
                row.error(_("The e-mail %(email)s belongs to someone with another staff id.") % {"email": email})
            else:
                user = other
        elif user is not None and email and email != user.email and email in by_email:
            row.error(_("The e-mail %(email)s belongs to another account.") % {"email": email})
        if user is None:
            if not email and not staff_id:
                row.error(_("A new account needs an e-mail address or a staff id (people sign in with one of them)."))
            if not values.get("full_name"):
                row.error(_("A new account needs a full name."))
        row.target = user
        code = values.get("org_unit")
        if code:
            if code not in units:
                row.error(_("Unknown unit code %(code)s.") % {"code": code})
            elif allowed is not None and units[code][0] not in allowed:
                row.error(_("The unit %(code)s is outside the units you are responsible for.") % {"code": code})
            else:
                values["org_unit_id"] = units[code][0]
        if allowed is not None:
            check_person_scope(row, user, allowed)
        if row.errors:
            continue
        if user is None:
            row.status = NEW
        else:
            row.changes = [
                name for name in PERSON_FIELDS
                if values.get(name) and value_of(values, name) != getattr(user, attribute(name))
            ]
            row.status = UPDATED if row.changes else UNCHANGED
    return Report(rows)


def attribute(name):
    """The model attribute a column sets: the unit column holds a code, the user its unit's id."""
    return "org_unit_id" if name == "org_unit" else name


def value_of(values, name):
    return values.get("org_unit_id") if name == "org_unit" else values[name]


def check_person_scope(row, user, allowed):
    """An officer imports into their units only, and changes only people who are, or are coming, there."""
    if user is not None and user.org_unit_id is not None and user.org_unit_id not in allowed:
        row.error(_("This person belongs to a unit outside the units you are responsible for."))
    elif (user is None or user.org_unit_id is None) and not row.values.get("org_unit"):
        row.error(_("Give this person's unit code: you import people into your own units."))


def clean_person(row):
    """Normalise one row's cells and note what is wrong with them."""
    values = row.values
    for name, value in list(values.items()):
        values[name] = value.strip()
    if values.get("staff_id"):
        values["staff_id"] = number_text(values["staff_id"])
    if values.get("org_unit"):
        values["org_unit"] = number_text(values["org_unit"])
    if values.get("phone"):
        values["phone"] = phone_text(values["phone"])
    if values.get("email"):
        values["email"] = values["email"].lower()
        try:
            validate_email(values["email"])
        except ValidationError:
            row.error(_("“%(email)s” is not an e-mail address.") % {"email": values["email"]})
    if values.get("full_name"):
        values["full_name"] = normalise_text(values["full_name"])
        try:
            validate_full_name(values["full_name"])
        except ValidationError as error:
            row.error(" ".join(error.messages))
    if values.get("position"):
        values["position"] = normalise_text(values["position"])
    if values.get("learner_type"):
        kind = LEARNER_TYPES.get(header_key(values["learner_type"]))
        if kind is None:
            row.error(_("Unknown learner type “%(value)s”: use cán bộ or người dân.") % {
                "value": values["learner_type"]})
        else:
            values["learner_type"] = kind
    for name, limit in LIMITS.items():
        if len(values.get(name) or "") > limit:
            row.error(_("The %(field)s is longer than %(limit)s characters.") % {
                "field": User._meta.get_field(name).verbose_name, "limit": limit})


def apply_people(data, filename, importer=None, progress=None):
    """
    Write a people file, or nothing if any row has an error: new accounts in
    bulk (without a password: they set one from the e-mail `set_password_emails`
    sends), changed ones in bulk updates. Returns the report and the new
    accounts' ids. `progress(done, total)` is called after each batch.
    """
    from allauth.account.models import EmailAddress

    report = preview_people(data, filename, importer)
    if report.has_errors:
        raise ImportRefused(report)
    new_rows = [row for row in report.rows if row.status == NEW]
    changed_rows = [row for row in report.rows if row.status == UPDATED]
    total, done = len(new_rows) + len(changed_rows), 0
    confirmed, created = [], []
    with transaction.atomic():
        for batch in chunks(new_rows):
            users = []
            for row in batch:
                values = row.values
                user = User(
                    email=values.get("email") or no_mailbox_address(), full_name=values["full_name"],
                    phone=values.get("phone", ""),
                    org_unit_id=values.get("org_unit_id"), position=values.get("position", ""),
                    staff_id=values.get("staff_id") or None,
                    learner_type=values.get("learner_type") or User.LearnerType.OFFICIAL,
                )
                user.set_unusable_password()
                users.append(user)
            User.objects.bulk_create(users, batch_size=BATCH_SIZE)
            # SQLite and PostgreSQL both return the new ids; some backends do not, so look them up.
            ids = dict(User.objects.filter(email__in=[user.email for user in users]).values_list("email", "pk"))
            EmailAddress.objects.bulk_create(
                [EmailAddress(user_id=ids[user.email], email=user.email, primary=True, verified=False)
                 for user in users if user.has_mailbox],
                batch_size=BATCH_SIZE,
            )
            created.extend(ids[user.email] for user in users)
            confirmed.extend(ids[user.email] for user in users if user.org_unit_id)
            done += len(batch)
            if progress:
                progress(done, total)
        for batch in chunks(changed_rows):
            users, fields = [], set()
            for row in batch:
                user = row.target
                for name in row.changes:
                    setattr(user, attribute(name), value_of(row.values, name))
                    fields.add(name)
                if "org_unit" in row.changes:
                    confirmed.append(user.pk)
                    if user.requested_org_unit_id == user.org_unit_id:
                        user.requested_org_unit_id = None
                        fields.add("requested_org_unit")
                users.append(user)
            User.objects.bulk_update(users, sorted(fields), batch_size=BATCH_SIZE)
            changed_emails = [row.target for row in batch if "email" in row.changes]
            for user in changed_emails:
                # Someone imported without e-mail has no address record yet.
                EmailAddress.objects.update_or_create(
                    user=user, primary=True, defaults={"email": user.email, "verified": False})
            done += len(batch)
            if progress:
                progress(done, total)
        send_members_confirmed(confirmed, sender=apply_people)
    return report, created


def summary(counts):
    return _("%(new)s new, %(updated)s updated, %(unchanged)s unchanged, %(error)s with errors.") % counts


def column_keys(kind):
    return ["code", "name", "kind", "parent_code", "headcount"] if kind == "units" else list(PERSON_FIELDS)


def column_names(kind):
    """The columns' Vietnamese headers, as the import reads them back."""
    names = {
        "code": "Mã đơn vị", "name": "Tên đơn vị", "kind": "Loại", "parent_code": "Mã đơn vị cấp trên",
        "headcount": "Số cán bộ", "full_name": "Họ và tên", "email": "Email", "phone": "Số điện thoại",
        "org_unit": "Mã đơn vị", "position": "Chức vụ", "learner_type": "Đối tượng", "staff_id": "Mã cán bộ",
    }
    return [names[key] for key in column_keys(kind)]
