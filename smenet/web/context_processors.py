from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language_info


def site_origin(request) -> str:
    """``scheme://host`` of the site: ``SMENET_SITE_URL`` when it is set, else the request's."""
    return settings.SITE_URL or f"{request.scheme}://{request.get_host()}"


def site(request):
    path = request.get_full_path()
    origin = site_origin(request)
    languages = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        url = translate_url(path, code)
        languages.append(
            {
                "code": code,
                "name_local": info["name_local"],
                "url": url,
                "absolute_url": origin + url,
            }
        )
    default = next(
        (lang["absolute_url"] for lang in languages if lang["code"] == settings.LANGUAGE_CODE),
        origin + path,
    )
    return {
        "site_languages": languages,
        "SITE_NAME": "OIC-SMENET",
        # Search engines: this page's address, the same page in each language, and the one to
        # show a visitor whose language is none of ours (English, unprefixed).
        "canonical_url": origin + path,
        "x_default_url": default,
    }
