from django.conf import settings
from django.utils import translation


class ApiLanguageMiddleware:
    """Chooses the language of API responses: ``?lang=xx``, else the cookie and Accept-Language.

    Pages carry their language in the URL (i18n_patterns, English unprefixed), so LocaleMiddleware
    would answer every unprefixed URL, the API included, in English. This runs after it and
    overrides that choice for the API only.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.codes = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        if request.path_info.startswith("/api/"):
            lang = request.GET.get("lang", "").strip().lower()[:8]
            if lang not in self.codes:
                lang = translation.get_language_from_request(request, check_path=False)
            translation.activate(lang)
            request.LANGUAGE_CODE = lang
        return self.get_response(request)
