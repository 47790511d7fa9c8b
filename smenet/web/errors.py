"""Error pages for domain errors raised under a page view (the API has its own handler)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
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


def domain_pages(
    template: str,
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """A view decorator: PermissionDenied → a 403 page, NotFound → a 404 page (``template``),
    whatever raised them."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            try:
                return view(request, *args, **kwargs)
            except PermissionDenied as exc:
                return error_page(request, template, exc, 403)
            except NotFound as exc:
                return error_page(request, template, exc, 404)

        return wrapper

    return decorate
