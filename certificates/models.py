import string

from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from . import codes

# What a trainer may write in a template's wording; each is replaced by the certificate's own value.
PLACEHOLDERS = ("full_name", "course", "hours", "score", "issued_on", "organisation", "code")
DEFAULT_WORDING = "đã hoàn thành khoá học {course}."
# Short courses give a "giấy chứng nhận"; a "chứng chỉ" is the formal document of a
# recognised training programme. A template for such a programme says so in its heading.
DEFAULT_HEADING = "GIẤY CHỨNG NHẬN HOÀN THÀNH"


def validate_wording(wording):
    try:
        names = {name for _text, name, _spec, _conv in string.Formatter().parse(wording) if name is not None}
    except ValueError:
        raise ValidationError(_("Braces must come in pairs around a placeholder, like {course}.")) from None
    unknown = sorted(names - set(PLACEHOLDERS))
    if unknown:
        raise ValidationError(
            _("Unknown placeholder {%(name)s}. Use: %(allowed)s.")
            % {"name": unknown[0], "allowed": ", ".join("{%s}" % name for name in PLACEHOLDERS)}
        )


def certificate_storage():
    return storages["certificates"]


class CertificateTemplate(models.Model):
    """
    How a certificate looks (a Wagtail snippet): A4 landscape, an optional
    background and logo, the issuing organisation, the signer, and wording with
    placeholders. A course uses the template that lists it, or the default one.
    """

    name = models.CharField(_("name"), max_length=100, help_text=_("For trainers only; not printed."))
    organisation = models.CharField(_("issuing organisation"), max_length=255)
    heading = models.CharField(_("heading"), max_length=100, default=DEFAULT_HEADING)
    wording = models.TextField(
        _("wording"),
        default=DEFAULT_WORDING,
        validators=[validate_wording],
        # format_lazy keeps the sentence translated per request, not once at import.
        help_text=format_lazy(
            "{} {}.", _("Printed under the learner's name. Placeholders:"),
            ", ".join("{%s}" % name for name in PLACEHOLDERS),
        ),
    )
    signer_name = models.CharField(_("signer's name"), max_length=150, blank=True)
    signer_title = models.CharField(_("signer's title"), max_length=150, blank=True)
    background = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("background image"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+", help_text=_("Stretched over the whole A4 landscape page."),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("logo"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_default = models.BooleanField(
        _("default template"), default=False, help_text=_("Used by every course that no other template lists.")
    )
    courses = models.ManyToManyField(
        "courses.CoursePage", verbose_name=_("courses"), blank=True, related_name="certificate_templates",
        help_text=_("Courses whose certificates use this template."),
    )

    panels = [
        FieldPanel("name"),
        MultiFieldPanel(
            [FieldPanel("organisation"), FieldPanel("heading"), FieldPanel("wording")], heading=_("Text")
        ),
        MultiFieldPanel([FieldPanel("signer_name"), FieldPanel("signer_title")], heading=_("Signer")),
        MultiFieldPanel([FieldPanel("background"), FieldPanel("logo")], heading=_("Images")),
        MultiFieldPanel([FieldPanel("is_default"), FieldPanel("courses")], heading=_("Used by")),
    ]

    class Meta:
        verbose_name = _("certificate template")
        verbose_name_plural = _("certificate templates")
        ordering = ["-is_default", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # One default at a time: choosing a new one retires the old.
        if self.is_default:
            CertificateTemplate.objects.filter(is_default=True).exclude(pk=self.pk).update(is_default=False)
        super().save(*args, **kwargs)

    @classmethod
    def for_course(cls, course):
        """The template the course's certificates use: its own, else the default; None when there is neither."""
        return cls.objects.filter(courses=course).first() or cls.objects.filter(is_default=True).first()


class Certificate(models.Model):
    """
    Proof that a learner completed a course. What it certifies is copied at
    issue time, so later edits to the user or the course do not change it.
    An enrollment has one current certificate; a re-issued one points from
    the old to the new through `replaced_by`.
    """

    enrollment = models.ForeignKey("enrollment.Enrollment", on_delete=models.PROTECT, related_name="certificates")
    code = models.CharField(_("code"), max_length=codes.BODY_LENGTH + 1, unique=True, editable=False)
    full_name = models.CharField(_("full name"), max_length=150)
    course_title = models.CharField(_("course"), max_length=255)
    hours = models.DecimalField(_("hours"), max_digits=4, decimal_places=1)
    score = models.DecimalField(_("final score (%)"), max_digits=5, decimal_places=2, null=True, blank=True)
    issued_on = models.DateField(_("issued on"))
    organisation = models.CharField(_("issuing organisation"), max_length=255)
    template = models.ForeignKey(
        CertificateTemplate, verbose_name=_("template"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="certificates",
    )
    pdf = models.FileField(_("signed PDF"), storage=certificate_storage, upload_to="%Y/%m/", blank=True)
    pdf_sha256 = models.CharField(_("SHA-256 of the PDF"), max_length=64, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoke_reason = models.TextField(_("reason for revoking"), blank=True)
    replaced_at = models.DateTimeField(_("replaced at"), null=True, blank=True)
    replaced_by = models.OneToOneField(
        "self", verbose_name=_("replaced by"), null=True, blank=True, on_delete=models.PROTECT, related_name="replaces"
    )

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            # Concurrent completions cannot issue two: the database refuses the second.
            models.UniqueConstraint(
                fields=["enrollment"], condition=models.Q(replaced_at__isnull=True), name="one_current_certificate"
            )
        ]

    def __str__(self):
        return f"{self.display_code} · {self.full_name}"

    @property
    def display_code(self):
        return codes.grouped(self.code)

    @property
    def status(self):
        if self.replaced_at:
            return "replaced"
        if self.revoked_at:
            return "revoked"
        return "valid"
