"""One error format for the whole API: RFC 7807 ``application/problem+json``.

Every error carries a stable ``code``, a ``title`` and a translated ``detail``; validation errors
add ``errors`` keyed by field (nested as the input was).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from smenet.common.errors import DomainError

PROBLEM_CONTENT_TYPE = "application/problem+json"


def _code_of(exc: exceptions.APIException) -> str:
    codes = exc.get_codes()
    if isinstance(codes, str):
        return codes
    return "invalid"


def problem(
    *, status_code: int, code: str, detail: str, errors: Any = None, title: str | None = None
) -> Response:
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": title or _status_title(status_code),
        "status": status_code,
        "code": code,
        "detail": detail,
    }
    if errors:
        body["errors"] = errors
    return Response(body, status=status_code, content_type=PROBLEM_CONTENT_TYPE)


def _status_title(status_code: int) -> str:
    titles = {
        400: _("Invalid request"),
        401: _("Authentication required"),
        403: _("Permission denied"),
        404: _("Not found"),
        405: _("Method not allowed"),
        406: _("Not acceptable"),
        409: _("Conflict"),
        415: _("Unsupported media type"),
        429: _("Too many requests"),
    }
    return str(titles.get(status_code, _("Error")))


def problem_exception_handler(exc: Exception, context: dict) -> Response | None:
    if isinstance(exc, DomainError):
        return problem(
            status_code=exc.status, code=exc.code, detail=str(exc.message), errors=exc.errors
        )
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()

    response = exception_handler(exc, context)
    if response is None or not isinstance(exc, exceptions.APIException):
        return response

    if isinstance(exc, exceptions.ValidationError):
        return problem(
            status_code=status.HTTP_400_BAD_REQUEST,
            code="invalid",
            detail=_("The request has invalid fields; see errors."),
            errors=exc.detail,
        )
    if isinstance(exc, exceptions.ParseError):
        return problem(
            status_code=status.HTTP_400_BAD_REQUEST,
            code="malformed_json",
            detail=_("The request body is not valid JSON: %(error)s")
            % {"error": str(exc.detail).removeprefix("JSON parse error - ")},
        )
    detail = exc.detail if isinstance(exc.detail, str) else _("The request failed.")
    result = problem(status_code=response.status_code, code=_code_of(exc), detail=str(detail))
    for header in ("WWW-Authenticate", "Retry-After", "Allow"):
        if header in response:
            result[header] = response[header]
    return result
