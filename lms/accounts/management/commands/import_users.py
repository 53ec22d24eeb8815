from lms.accounts import imports
from lms.accounts.models import NO_MAILBOX_DOMAIN, User
from lms.accounts.management.importing import ImportCommand
from lms.accounts.tasks import send_set_password_emails


class Command(ImportCommand):
    help = (
        "Create and update people from a CSV or XLSX file (Họ và tên, Email, Số điện thoại, Mã đơn vị, Chức vụ, "
        "Đối tượng, Mã cán bộ, or their English names). All rows or none; new accounts get an e-mail to choose "
        "their password; those without e-mail (a staff id is enough) get a one-time sign-in code from the admin "
        "(People → Sign-in codes)."
    )

    def import_file(self, data, name, dry_run):
        if dry_run:
            return imports.preview_people(data, name)
        report, created = imports.apply_people(data, name)
        if created:
            # Queued inside the apply's own success path: a refused file sends no e-mail.
            send_set_password_emails.enqueue(created)
            without_mailbox = User.objects.filter(pk__in=created, email__endswith="@" + NO_MAILBOX_DOMAIN).count()
            if without_mailbox:
                self.stdout.write(
                    f"{without_mailbox} new accounts have no e-mail: print their one-time sign-in codes in the "
                    "admin (People → Sign-in codes)."
                )
        return report
