"""The filters of the report pages, read from the query string."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lms.accounts.models import User

from . import services

STATUS_CHOICES = [
    ("", _("Everyone")),
    (services.Status.OVERDUE, _("Overdue")),
    (services.Status.NOT_STARTED, _("Not started")),
    (services.Status.IN_PROGRESS, pgettext_lazy("learning", "In progress")),
    (services.Status.COMPLETED, _("Completed")),
]


class ReportFilterForm(forms.Form):
    course = forms.ModelChoiceField(
        label=_("Course"), queryset=services.mandatory_courses(), to_field_name="slug", required=False,
        empty_label=_("All mandatory courses"),
    )
    learner_type = forms.ChoiceField(
        label=_("Learner type"), choices=[("", _("Every learner type")), *User.LearnerType.choices], required=False
    )
    completed_from = forms.DateField(
        label=_("Completed from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    completed_to = forms.DateField(label=_("to"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("completed_from"), cleaned.get("completed_to")
        if start and end and start > end:
            raise forms.ValidationError(_("The start of the completion dates must come before their end."))
        return cleaned

    def filters(self):
        data = self.cleaned_data
        return services.Filters(
            course=data["course"], learner_type=data["learner_type"], completed_from=data["completed_from"],
            completed_to=data["completed_to"],
        )


class PeopleFilterForm(ReportFilterForm):
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_CHOICES, required=False)
    q = forms.CharField(label=_("Name or staff id"), required=False, max_length=150)
