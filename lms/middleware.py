from csp.constants import NONCE
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.urls import reverse
from django.utils import translation


class ChosenLanguageMiddleware(LocaleMiddleware):
    """
    Vietnamese unless the visitor chose English with the language switcher.
    The browser's Accept-Language is ignored on purpose: on a shared commune
    computer it says nothing about the person using it.
    """

    def process_request(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if not language or not translation.check_for_language(language):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """
    django-csp's policy (settings.CONTENT_SECURITY_POLICY, or its report-only
    twin), with two additions made per request: the H5P content origin, where
    production serves H5P from one, joins every directive that loads its files;
    and under the Wagtail admin the directives of
    settings.CONTENT_SECURITY_POLICY_ADMIN replace the site's, without a nonce,
    since a nonce would make browsers ignore the admin's 'unsafe-inline'.
    """

    H5P_DIRECTIVES = ("script-src", "style-src", "img-src", "frame-src", "connect-src", "font-src", "media-src")

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if request.path_info.startswith(admin_prefix()):
            replace = {**settings.CONTENT_SECURITY_POLICY_ADMIN, **(parts.replace or {})}
            parts.replace = {directive: [source for source in sources if source is not NONCE]
                             for directive, sources in replace.items()}
        h5p_origin = getattr(settings, "H5P_CONTENT_ORIGIN", "")
        if h5p_origin:
            parts.update = {**{directive: [h5p_origin] for directive in self.H5P_DIRECTIVES}, **(parts.update or {})}
        return parts


def admin_prefix():
    return reverse("wagtailadmin_home")


class PermissionsPolicyMiddleware:
    """Sends settings.PERMISSIONS_POLICY (Django has no setting of its own for the header)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.PERMISSIONS_POLICY:
            response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
