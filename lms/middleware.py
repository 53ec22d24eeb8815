from django.conf import settings
from django.middleware.locale import LocaleMiddleware
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
