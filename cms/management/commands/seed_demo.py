import logging
from collections import Counter

from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Page

from certificates.models import CertificateTemplate
from cms.demo import certificates, h5p, org_units, pages, programmes, quizzes, users
from courses.h5p.models import H5PPackage
from courses.models import QuizPage
from lms.accounts.models import OrgUnit, User
from lms.accounts.roles import ensure_roles
from lms.quizzes.models import Question

COURSE_OWNER = "trainer@hocso.local"


class Command(BaseCommand):
    help = "Load the demo site, courses, organisational units and accounts. Running it again changes nothing."

    def handle(self, *args, verbosity, **options):
        created = Counter()
        # Each published page logs several lines at INFO, burying the summary; -v 2 shows them.
        previous_disable_level = logging.root.manager.disable
        if verbosity < 2:
            logging.disable(logging.INFO)
        try:
            package = h5p.ensure_package(created)
            with transaction.atomic():
                home, catalogue = pages.ensure_site(created)
                ensure_roles(catalogue)
                units = org_units.ensure_org_units(created)
                people = users.ensure_users(units, created)
                pages.ensure_courses(catalogue, people[COURSE_OWNER], created)
                quizzes.ensure_question_bank(created)
                quizzes.ensure_quizzes(catalogue, created)
                h5p.ensure_lesson(package, created)
                certificates.ensure_certificate_template(created)
                certificates.ensure_graduate()
                programmes.ensure_programme(units, people, created)
        finally:
            logging.disable(previous_disable_level)
        self.report(created, home)

    def report(self, created, home):
        totals = {
            "pages": Page.objects.descendant_of(home, inclusive=True).count(),
            "images": Image.objects.count(),
            "documents": Document.objects.count(),
            "org units": OrgUnit.objects.count(),
            "users": User.objects.count(),
            "questions": Question.objects.count(),
            "quizzes": QuizPage.objects.count(),
            "H5P activities": H5PPackage.objects.count(),
            "certificate templates": CertificateTemplate.objects.count(),
        }
        self.stdout.write(f"{'Demo content':<23}{'created':>9}{'already there':>15}")
        for kind, total in totals.items():
            self.stdout.write(f"  {kind:<21}{created[kind]:>9}{total - created[kind]:>15}")
        self.stdout.write("\nDemo accounts (development only):")
        width = max(len(email) for email in users.DEMO_ACCOUNTS) + 2
        for email, account in users.DEMO_ACCOUNTS.items():
            self.stdout.write(f"  {email:<{width}}{account.password:<18}{account.role}")
