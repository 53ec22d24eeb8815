from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from .models import User

PROFILE_FIELDS = ("full_name", "phone", "org_unit", "position", "learner_type")


class HocSoUserCreationForm(UserCreationForm):
    first_name = None
    last_name = None

    class Meta(UserCreationForm.Meta):
        model = User
        fields = UserCreationForm.Meta.fields - {"first_name", "last_name"} | set(PROFILE_FIELDS)


class HocSoUserEditForm(UserEditForm):
    first_name = None
    last_name = None

    class Meta(UserEditForm.Meta):
        model = User
        fields = UserEditForm.Meta.fields - {"first_name", "last_name"} | set(PROFILE_FIELDS)


class UserViewSet(WagtailUserViewSet):
    def get_form_class(self, for_update=False):
        return HocSoUserEditForm if for_update else HocSoUserCreationForm
