"""
Wagtail's user admin for this site: forms that know the one-field full name,
and a listing that shows each person's unit, filters by unit (sub-units
included) and, for anyone but a superuser, holds only the people of the units
they are responsible for (lms.accounts.scope).
"""

import django_filters
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.translation import pgettext_lazy
from wagtail.admin.ui.tables import Column
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views import users as wagtail_users

from lms.admin_tree import IndentedNodeChoiceField

from .models import User
from .scope import units_in_scope
from .services import confirm_unit_change

UNIT_LABEL = pgettext_lazy("column heading", "Unit")

PROFILE_FIELDS = ("full_name", "phone", "org_unit", "requested_org_unit", "staff_id", "position", "learner_type")


class HocSoUserCreationForm(UserCreationForm):
    first_name = None
    last_name = None

    def save(self, commit=True):
        user = super().save(commit=commit)
        if commit:
            confirm_unit_change(user, None)
        return user

    class Meta(UserCreationForm.Meta):
        model = User
        fields = UserCreationForm.Meta.fields - {"first_name", "last_name"} | set(PROFILE_FIELDS)


class HocSoUserEditForm(UserEditForm):
    first_name = None
    last_name = None

    def save(self, commit=True):
        previous_org_unit_id = User.objects.filter(pk=self.instance.pk).values_list("org_unit", flat=True).first()
        user = super().save(commit=commit)
        if commit:
            confirm_unit_change(user, previous_org_unit_id)
        return user

    class Meta(UserEditForm.Meta):
        model = User
        fields = UserEditForm.Meta.fields - {"first_name", "last_name"} | set(PROFILE_FIELDS)


def users_in_scope(viewer):
    if viewer.is_superuser:
        return User.objects.all()
    return User.objects.filter(org_unit__in=units_in_scope(viewer))


class UnitFilter(django_filters.ModelChoiceFilter):
    field_class = IndentedNodeChoiceField

    def filter(self, queryset, unit):
        if unit is None:
            return queryset
        return queryset.filter(org_unit__path__startswith=unit.path)


class UserFilterSet(wagtail_users.UserFilterSet):
    def __init__(self, data=None, queryset=None, *, request=None, prefix=None, is_searching=False):
        super().__init__(data, queryset, request=request, prefix=prefix, is_searching=is_searching)
        self.filters["org_unit"] = UnitFilter(
            label=UNIT_LABEL, queryset=units_in_scope(request.user).order_by("path") if request else None
        )


class UserIndexView(wagtail_users.IndexView):
    @cached_property
    def columns(self):
        columns = list(super().columns)
        unit = Column(
            "org_unit", label=UNIT_LABEL, accessor=lambda user: user.org_unit.name if user.org_unit else "—",
            sort_key="org_unit__path", classname="unit", width="20%",
        )
        position = next(index for index, column in enumerate(columns) if column.name == User.USERNAME_FIELD) + 1
        columns.insert(position, unit)
        return columns

    def get_base_queryset(self):
        return super().get_base_queryset().filter(pk__in=users_in_scope(self.request.user)).select_related("org_unit")


class InScopeMixin:
    """A person outside the viewer's units is not there for them: 404, as for a missing id."""

    def get_object(self, queryset=None):
        person = super().get_object()
        if not users_in_scope(self.request.user).filter(pk=person.pk).exists():
            raise Http404
        return person


class UserEditView(InScopeMixin, wagtail_users.EditView):
    pass


class UserDeleteView(InScopeMixin, wagtail_users.DeleteView):
    pass


class UserViewSet(wagtail_users.UserViewSet):
    filterset_class = UserFilterSet
    index_view_class = UserIndexView
    edit_view_class = UserEditView
    delete_view_class = UserDeleteView

    def get_form_class(self, for_update=False):
        return HocSoUserEditForm if for_update else HocSoUserCreationForm
