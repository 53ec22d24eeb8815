from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lms.admin_tree import IndentedNodeChoiceField

from .models import OrgUnit, User, normalise_text
from .validators import validate_full_name


class OrgUnitChoiceField(IndentedNodeChoiceField):
    """The unit tree as one indented list, in tree order, so a commune sits under its province."""

    def __init__(self, **kwargs):
        super().__init__(queryset=OrgUnit.objects.order_by("path"), **kwargs)


class ProfileFieldsMixin(forms.Form):
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        help_text=_("Exactly as it should be printed on your certificates, e.g. Nguyễn Thị Hồng Nhung."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        validators=[validate_full_name],
    )
    # A learner only requests a unit; HR confirms it (lms.accounts.services).
    requested_org_unit = OrgUnitChoiceField(
        label=_("Organisational unit"), required=False,
        help_text=_("Your unit's HR officer confirms it before it counts in reports and assignments."),
    )
    position = forms.CharField(label=pgettext_lazy("job title", "Position"), max_length=150, required=False)

    def clean_full_name(self):
        name = normalise_text(self.cleaned_data["full_name"])
        if not name:
            raise forms.ValidationError(_("Please enter your full name."))
        return name


class SignupForm(ProfileFieldsMixin):
    """Extra sign-up fields; allauth adds e-mail and password and calls signup()."""

    field_order = ["full_name", "email", "password1", "password2", "requested_org_unit", "position"]

    def signup(self, request, user):
        user.full_name = self.cleaned_data["full_name"]
        user.requested_org_unit = self.cleaned_data.get("requested_org_unit")
        user.position = self.cleaned_data.get("position", "")
        if user.requested_org_unit:
            user.learner_type = User.LearnerType.OFFICIAL
        user.save()


class ProfileForm(ProfileFieldsMixin, forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "phone", "requested_org_unit", "position", "learner_type", "language"]
        labels = {"phone": _("Phone"), "learner_type": _("I am a"), "language": _("Language of e-mails")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", _("The site's language (Vietnamese)")), *settings.LANGUAGES]
        field = self.fields["requested_org_unit"]
        if self.instance.org_unit_id:
            field.label = _("Request a different unit")

    def clean_requested_org_unit(self):
        unit = self.cleaned_data.get("requested_org_unit")
        # Asking for the unit one is already confirmed in is no request at all.
        if unit is not None and unit.pk == self.instance.org_unit_id:
            return None
        return unit

