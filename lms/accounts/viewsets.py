from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from .models import User
from .services import confirm_unit_change

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


class UserViewSet(WagtailUserViewSet):
    def get_form_class(self, for_update=False):
        return HocSoUserEditForm if for_update else HocSoUserCreationForm
