"""Error pages for domain errors raised under a page view (the API has its own handler)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils.translation import gettext as _

from smenet.common.errors import DomainError, NotFound, PermissionDenied


def error_page(
    request: HttpRequest, template: str, exc: DomainError | None, status: int
) -> HttpResponse:
    """``template`` (an app's error page) with the error's message and a title for ``status``."""
    titles = {
        400: _("This link cannot be used"),
        403: _("You may not do this"),
        404: _("Not found"),
    }
    return render(
        request,
        template,
        {"title": titles.get(status, _("Error")), "message": exc.message if exc else ""},
        status=status,
    )


def add_domain_errors(
    form: Any, exc: DomainError, field_for: Callable[[str], str | None] | None = None
) -> None:
    """The one adapter from a service's refusal to a form's errors: each message next to the
    field the form shows for it, otherwise at the top of the form, where the error summary lists
    it (a conflict's message, a rule about the whole object). ``field_for`` maps a service's
    field name to the form's when they differ (an answer key to its question)."""
    for key, errors in exc.errors.items():
        target = field_for(key) if field_for else None
        if target is None and key in form.fields and not form.fields[key].widget.is_hidden:
            target = key
        for error in errors:
            form.add_error(target, error)


def domain_pages(
    template: str,
) -> Callable[[Callable[..., HttpResponseBase]], Callable[..., HttpResponseBase]]:
    """A view decorator: PermissionDenied → a 403 page, NotFound → a 404 page (``template``),
    whatever raised them."""

    def decorate(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            try:
                return view(request, *args, **kwargs)
            except PermissionDenied as exc:
                return error_page(request, template, exc, 403)
            except NotFound as exc:
                return error_page(request, template, exc, 404)

        return wrapper

    return decorate


# --- The site's own error pages (404, 403, 400, 500, CSRF failure) ---------------------------
#
# In the site's layout and the visitor's language, with a way back. Django's handlers render a
# bare template without the request for 500 and in English for any unprefixed address; these
# pick the language from the address, else from the visitor's cookie or browser, and render
# web/error.html. The 500 page is rendered without touching the database (it may be why we
# are here): no user, no messages.


def _visitor_language(request: HttpRequest) -> str:
    from django.utils.translation import get_language_from_path, get_language_from_request

    return get_language_from_path(request.path_info) or get_language_from_request(
        request, check_path=False
    )


def _site_error(
    request: HttpRequest, status: int, title: str, message: str, *, safe: bool = False
) -> HttpResponse:
    from django.conf import settings
    from django.template.loader import render_to_string
    from django.urls import reverse
    from django.utils import translation
    from django.utils.translation import get_language_info

    # The caller has activated the visitor's language (_language).
    languages = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            home = reverse("web:home")
        info = get_language_info(code)
        languages.append({"code": code, "name_local": info["name_local"], "url": home})
    context = {
        "status": status,
        "title": title if isinstance(title, str) else str(title),
        "message": str(message),
        "home_url": reverse("web:home"),
        "back_url": _same_site_referer(request),
        "site_languages": languages,
        "error_page": True,
        "safe_page": safe,
    }
    if safe:
        from django.contrib.auth.models import AnonymousUser

        context["user"] = AnonymousUser()
        html = render_to_string("web/error.html", context)
    else:
        html = render_to_string("web/error.html", context, request=request)
    return HttpResponse(html, status=status)


def _same_site_referer(request: HttpRequest) -> str:
    from django.utils.http import url_has_allowed_host_and_scheme

    referer = request.META.get("HTTP_REFERER", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return ""


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    with _language(request):
        return _site_error(
            request,
            404,
            _("Page not found"),
            _("There is no page at this address. It may have moved, or the link may be wrong."),
        )


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    with _language(request):
        return _site_error(
            request,
            403,
            _("You may not see this page"),
            _(
                "Your account does not give access to this page. Log in with another account, or ask the Secretariat."
            ),
        )


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    with _language(request):
        return _site_error(
            request,
            400,
            _("This request cannot be used"),
            _("The address or the form sent was not valid."),
        )


def server_error(request: HttpRequest) -> HttpResponse:
    with _language(request):
        return _site_error(
            request,
            500,
            _("Something went wrong on our side"),
            _("The error has been logged. Please try again in a moment."),
            safe=True,
        )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    with _language(request):
        return _site_error(
            request,
            403,
            _("This form has expired"),
            _(
                "The form was open too long, or cookies are blocked, so it could not be "
                "accepted. Go back, reload the page and send it again."
            ),
        )


def _language(request: HttpRequest):
    from django.utils import translation

    return translation.override(_visitor_language(request))
