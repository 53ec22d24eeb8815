import unicodedata
import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager, Permission
from django.core.cache import cache
from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node

from lms.admin_tree import indented

from .validators import validate_full_name


def normalise_text(value):
    """NFC with collapsed spaces: how names are stored and printed on certificates."""
    return " ".join(unicodedata.normalize("NFC", value or "").split())


class OrgUnit(MP_Node):
    """A unit of the public administration: province → department / commune → unit."""

    class Kind(models.TextChoices):
        PROVINCE = "province", _("Province")
        DEPARTMENT = "department", _("Department")
        COMMUNE = "commune", _("Commune")
        UNIT = "unit", _("Unit")

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    headcount = models.PositiveIntegerField(
        _("headcount"), default=0, help_text=_("Staff expected to train, for completion rates.")
    )

    node_order_by = ["name"]

    class Meta:
        verbose_name = _("organisational unit")
        verbose_name_plural = _("organisational units")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = normalise_text(self.name)
        super().save(*args, **kwargs)

    @property
    def indented_name(self):
        """The name indented by depth, for a flat list that still reads as a tree."""
        return indented(self)


# People imported without an e-mail address get a sign-in address in this
# domain: `.invalid` is reserved (RFC 2606), so no mail can ever reach anyone.
# They sign in with their staff id and a one-time code; nothing is mailed to them.
NO_MAILBOX_DOMAIN = "khong-co-email.invalid"


def no_mailbox_address():
    """A unique sign-in address for someone without e-mail, which nothing can be mailed to."""
    return f"{uuid.uuid4().hex[:16]}@{NO_MAILBOX_DOMAIN}"


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """
    A person who signs in with an e-mail address. The name is one field because
    Vietnamese names are printed whole, family name first, on certificates.
    """

    class LearnerType(models.TextChoices):
        OFFICIAL = "official", _("Civil servant")
        CITIZEN = "citizen", _("Citizen")

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(
        _("full name"), max_length=150, help_text=_("As it should be printed on certificates."),
        validators=[validate_full_name],
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    # The unit HR confirmed (import, admin, or an approved request): reports and
    # assignments count these members only. What a learner picks themselves is
    # `requested_org_unit`, until HR confirms it.
    org_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("organisational unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
        help_text=_("Confirmed by HR."),
    )
    requested_org_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("requested organisational unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="membership_requests",
        help_text=_("The unit the person chose themselves, waiting for HR to confirm it."),
    )
    staff_id = models.CharField(
        _("staff id"), max_length=32, null=True, blank=True, unique=True,
        help_text=_("The unit's own personnel number; matches people on import."),
    )
    # Training managers and HR officers act inside these units and their sub-units only.
    responsible_units = models.ManyToManyField(
        OrgUnit, verbose_name=_("responsible for"), blank=True, related_name="responsible_staff"
    )
    position = models.CharField(_("position"), max_length=150, blank=True)
    learner_type = models.CharField(
        _("learner type"), max_length=16, choices=LearnerType.choices, default=LearnerType.CITIZEN
    )
    # The language e-mails and reminders are written in: the site's language
    # switcher sets it for a signed-in person. Empty: the site's default.
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, blank=True,
        help_text=_("E-mails and reminders are written in this language."),
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        # Both act only inside the units the holder is responsible for (lms.accounts.scope).
        permissions = [
            ("import_people", _("Can import people and organisational units")),
            ("confirm_membership", _("Can confirm people's membership of a unit")),
            ("view_reports", _("Can see the coverage reports and transcripts of their units")),
        ]

    def __str__(self):
        return self.full_name or self.email

    def clean(self):
        super().clean()
        self.full_name = normalise_text(self.full_name)

    def save(self, *args, **kwargs):
        # Every way in (sign-up, profile, admin, commands) stores the printed form.
        self.full_name = normalise_text(self.full_name)
        self.position = normalise_text(self.position)
        self.email = self.email.strip().lower()
        # Empty is "no staff id", and many people have none: NULL, which the unique index allows many times.
        self.staff_id = (self.staff_id or "").strip() or None
        super().save(*args, **kwargs)

    @property
    def has_mailbox(self):
        """Whether mail can reach this person (imported people may have no address)."""
        return bool(self.email) and not self.email.endswith("@" + NO_MAILBOX_DOMAIN)

    @property
    def mail_language(self):
        """The language to write to this person in."""
        return self.language or settings.LANGUAGE_CODE

    @cached_property
    def sees_admin_link(self):
        """
        Whether the site's header offers this person the way into the admin:
        staff, or Wagtail's "access admin" permission as Django's model backend
        grants it (held directly or through a group, by an active person). One
        EXISTS query, where asking `has_perm` would load every permission the
        person holds in two; the header keeps the answer in the session a while
        (lms.accounts.context_processors).
        """
        if self.is_staff:
            return True
        if not self.is_active:
            return False
        if self.is_superuser:
            return True
        access_admin = Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin")
        return (
            User.objects.filter(pk=self.pk)
            .filter(Q(user_permissions__in=access_admin) | Q(groups__permissions__in=access_admin))
            .exists()
        )

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        # Vietnamese people are addressed by the last word of their name.
        return self.full_name.rsplit(" ", 1)[-1] if self.full_name else self.email


class PeopleImport(models.Model):
    """
    A file of people or units uploaded in the admin, kept from its preview
    until it is applied. A people file is applied by a background task,
    which reads the file from here and reports its progress here.
    """

    class Kind(models.TextChoices):
        PEOPLE = "people", _("People")
        UNITS = "units", _("Organisational units")

    class Status(models.TextChoices):
        PREVIEWED = "previewed", _("Waiting for confirmation")
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.PEOPLE)
    created_by = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    filename = models.CharField(max_length=255)
    data = models.BinaryField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PREVIEWED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)

    class Meta:
        verbose_name = _("people import")
        verbose_name_plural = _("people imports")

    @property
    def percent(self):
        return 100 if not self.total else min(100, round(100 * self.done / self.total))

    # The apply writes everything in one transaction, so rows written to the
    # database mid-way are invisible to the page showing the progress: the
    # count goes through the cache (Redis in production, shared by the web
    # and worker processes) until the import is done.
    @property
    def progress_key(self):
        return f"accounts.people_import.{self.pk}.progress"

    def report_progress(self, done, total):
        cache.set(self.progress_key, (done, total), timeout=24 * 3600)

    def load_progress(self):
        """`done` and `total` as the running apply last reported them."""
        if self.status in (self.Status.QUEUED, self.Status.RUNNING):
            self.done, self.total = cache.get(self.progress_key, (self.done, self.total))


class SignInCode(models.Model):
    """
    A one-time code a commune officer prints and hands to someone who has no
    e-mail address: it signs them in once, then they choose a password. Only
    its SHA-256 is kept, so the table cannot be read back into codes; a new
    code for a person replaces their unused one.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="sign_in_codes")
    code_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("sign-in code")
        verbose_name_plural = _("sign-in codes")
