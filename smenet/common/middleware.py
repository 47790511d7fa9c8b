from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _


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


#: The longest query-string value (gunicorn refuses request lines over 4 kB anyway).
MAX_QUERY_VALUE = 4096


class RequestLimitsMiddleware:
    """The input-cleaning layer at the door: bodies over the size limit are refused with 413, a
    path carrying a control or direction-override character with 400. Query strings are
    read-only (searches and filters, pasted from anywhere), so they are cleaned instead: the
    characters are removed before any view reads ``request.GET`` (PostgreSQL fails on a NUL).

    Limits: a multipart body may carry one upload (``SMENET_MAX_UPLOAD_BYTES``) plus the form
    fields; any other page body ``DATA_UPLOAD_MAX_MEMORY_SIZE``; API parsers enforce their own
    limits below the first one (``smenet.api.parsers``). API answers are problem+json.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from . import cleaning

        is_api = request.path_info.startswith("/api/")
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        multipart = (request.content_type or "").startswith("multipart/")
        upload_limit = settings.SMENET_MAX_UPLOAD_BYTES + settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        limit = upload_limit if (multipart or is_api) else settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if length > limit:
            from smenet.api.parsers import human_size

            return self._refuse(
                request,
                413,
                "too_large",
                _("The request body is larger than %(size)s.") % {"size": human_size(limit)},
                {},
            )
        if problem := cleaning.text_problem(request.path_info):
            return self._refuse(
                request, 400, "invalid", _("The address is not valid."), {"path": [problem]}
            )
        too_long = {
            cleaning.strip_forbidden(k): [cleaning.length_problem(v, MAX_QUERY_VALUE)]
            for k, v in _pairs(request)
            if len(v) > MAX_QUERY_VALUE
        }
        if too_long:
            return self._refuse(
                request,
                400,
                "invalid",
                _("The address has invalid parameters; see errors."),
                too_long,
            )
        if any(cleaning.text_problem(k) or cleaning.text_problem(v) for k, v in _pairs(request)):
            request.GET = _cleaned_query(request)
        return self.get_response(request)

    def _refuse(self, request, status: int, code: str, detail: str, errors: dict):
        from django.http import HttpResponse, JsonResponse

        if request.path_info.startswith("/api/"):
            from smenet.api.errors import _status_title

            body = {
                "type": "about:blank",
                "title": _status_title(status),
                "status": status,
                "code": code,
                "detail": detail,
            }
            if errors:
                body["errors"] = errors
            return JsonResponse(
                body,
                status=status,
                content_type="application/problem+json",
                json_dumps_params={"ensure_ascii": False},
            )
        from django.utils.html import escape

        lang = translation.get_language() or settings.LANGUAGE_CODE
        direction = "rtl" if translation.get_language_bidi() else "ltr"
        lines = "".join(f"<li>{escape(m)}</li>" for msgs in errors.values() for m in msgs)
        html = (
            f'<!doctype html><html lang="{lang}" dir="{direction}"><meta charset="utf-8">'
            f"<title>{escape(detail)}</title><h1>{escape(detail)}</h1>"
            f"{f'<ul>{lines}</ul>' if lines else ''}</html>"
        )
        return HttpResponse(html, status=status, content_type="text/html; charset=utf-8")


def _pairs(request):
    for key, values in request.GET.lists():
        for value in values:
            yield key, value


def _cleaned_query(request):
    from django.http import QueryDict

    from . import cleaning

    query = QueryDict(mutable=True)
    for key, values in request.GET.lists():
        query.setlist(cleaning.strip_forbidden(key), [cleaning.strip_forbidden(v) for v in values])
    query._mutable = False
    return query
