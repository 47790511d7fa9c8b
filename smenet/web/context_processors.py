from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language_info


def site(request):
    path = request.get_full_path()
    languages = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        languages.append(
            {"code": code, "name_local": info["name_local"], "url": translate_url(path, code)}
        )
    return {"site_languages": languages, "SITE_NAME": "OIC-SMENET"}
