from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    name = "lms.accounts"
    label = "accounts"
    verbose_name = _("Accounts")


class HocSoUsersConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, with forms that know our one-field full name."""

    user_viewset = "lms.accounts.viewsets.UserViewSet"
