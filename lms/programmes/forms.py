from django import forms
from django.utils.translation import gettext_lazy as _

from courses.models import CoursePage
from lms.accounts.models import OrgUnit
from lms.accounts.scope import units_in_scope
from lms.admin_tree import indented

from .models import Assignment

OUTSIDE_SCOPE = _("You may assign courses only to the units you are responsible for: this unit is outside them.")


class UnitsField(forms.ModelMultipleChoiceField):
    """The units a person may assign to, as an indented tree; any other is refused with a clear message."""

    def __init__(self, **kwargs):
        super().__init__(
            queryset=OrgUnit.objects.none(), required=False, error_messages={"invalid_choice": OUTSIDE_SCOPE},
            widget=forms.SelectMultiple(attrs={"size": 8}), **kwargs,
        )

    def label_from_instance(self, obj):
        return f"{indented(obj)} ({obj.code})"


class AssignmentForm(forms.ModelForm):
    units_with_subunits = UnitsField(label=_("Units, with their sub-units"))
    units_only = UnitsField(label=_("Units alone (without their sub-units)"))

    class Meta:
        model = Assignment
        fields = ["course", "units_with_subunits", "units_only", "learner_type", "position", "due_on", "due_days"]
        widgets = {"due_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = CoursePage.objects.live().order_by("title")
        scope = units_in_scope(user).order_by("path")
        for name in ("units_with_subunits", "units_only"):
            self.fields[name].queryset = scope
        if self.instance.pk:
            rows = self.instance.assigned_units.all()
            self.initial["units_with_subunits"] = [row.unit_id for row in rows if row.include_subunits]
            self.initial["units_only"] = [row.unit_id for row in rows if not row.include_subunits]

    def clean(self):
        cleaned = super().clean()
        with_subunits = set(cleaned.get("units_with_subunits") or ())
        alone = set(cleaned.get("units_only") or ())
        refused = self.has_error("units_with_subunits") or self.has_error("units_only")
        if not with_subunits and not alone and not refused:
            raise forms.ValidationError(_("Choose at least one unit."))
        if with_subunits & alone:
            raise forms.ValidationError(_("Choose each unit once: with its sub-units or alone."))
        return cleaned

    @property
    def unit_rows(self):
        """(unit, include_subunits) pairs, once the form is valid."""
        return [(unit, True) for unit in self.cleaned_data["units_with_subunits"]] + [
            (unit, False) for unit in self.cleaned_data["units_only"]
        ]
