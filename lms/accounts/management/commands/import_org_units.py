from lms.accounts import imports
from lms.accounts.management.importing import ImportCommand


class Command(ImportCommand):
    help = (
        "Create, rename and move organisational units from a CSV or XLSX file with the columns "
        "code,name,kind,parent_code,headcount (or Mã đơn vị, Tên đơn vị, Loại, Mã đơn vị cấp trên, Số cán bộ). "
        "All rows or none."
    )

    def import_file(self, data, name, dry_run):
        return (imports.preview_units if dry_run else imports.apply_units)(data, name)
