from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from .models import NO_MAILBOX_DOMAIN, PeopleImport, User


@task()
def send_set_password_emails(user_ids):
    """
    Each imported account's invitation: a link into allauth's password-reset
    flow (the same key link as "forgot your password"), where the person
    chooses a password. In Vietnamese: imported people have not chosen a language.
    People without a mailbox get a printed sign-in code instead (lms.accounts.sign_in_codes).
    """
    from allauth.account.forms import default_token_generator
    from allauth.account.utils import user_pk_to_url_str

    with translation.override(settings.LANGUAGE_CODE):
        for user in User.objects.filter(pk__in=user_ids).exclude(email__endswith="@" + NO_MAILBOX_DOMAIN):
            path = reverse("account_reset_password_from_key", kwargs={
                "uidb36": user_pk_to_url_str(user), "key": default_token_generator.make_token(user)})
            context = {"user": user, "url": settings.SITE_URL + path, "site_url": settings.SITE_URL}
            subject = render_to_string("accounts/email/set_password_subject.txt", context).strip()
            body = render_to_string("accounts/email/set_password_message.txt", context)
            send_mail(subject, body, None, [user.email])
    return len(user_ids)


@task()
def apply_people_import(import_id):
    """Apply an import previewed in the admin, reporting progress on the PeopleImport as it goes."""
    from . import imports

    people_import = PeopleImport.objects.select_related("created_by").get(pk=import_id)
    people_import.status = PeopleImport.Status.RUNNING
    people_import.save(update_fields=["status"])

    try:
        report, created = imports.apply_people(
            bytes(people_import.data), people_import.filename, people_import.created_by,
            progress=people_import.report_progress)
    except (imports.ImportRefused, imports.ImportFileError) as refused:
        # The people or units changed since the preview: the page says so, and nothing was written.
        PeopleImport.objects.filter(pk=import_id).update(status=PeopleImport.Status.FAILED, message=str(refused))
        return None
    except Exception:
        PeopleImport.objects.filter(pk=import_id).update(
            status=PeopleImport.Status.FAILED, message=_("The import stopped on an error; nothing was saved."))
        raise
    if created:
        send_set_password_emails.enqueue(created)
    counts = report.counts
    # The file holds personal data and has done its work: only the summary is kept.
    PeopleImport.objects.filter(pk=import_id).update(
        status=PeopleImport.Status.DONE, message=imports.summary(counts), done=counts["new"] + counts["updated"],
        total=counts["new"] + counts["updated"], data=b"")
    return counts
