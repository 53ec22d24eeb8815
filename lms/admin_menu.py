"""Admin menu items shown only to people a rule lets in (Wagtail's MenuItem checks no permission itself)."""

from wagtail.admin.menu import MenuItem


class PermittedMenuItem(MenuItem):
    """A menu item shown when `is_permitted(user)` is true."""

    def __init__(self, *args, is_permitted, **kwargs):
        super().__init__(*args, **kwargs)
        self.is_permitted = is_permitted

    def is_shown(self, request):
        return self.is_permitted(request.user)
