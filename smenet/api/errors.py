"""One error format for the whole API: RFC 7807 ``application/problem+json``.

Every error carries a stable ``code``, a ``title`` and a translated ``detail``; validation errors
add ``errors`` keyed by field (nested as the input was).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from smenet.api.parsers import too_large
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
        413: _("Request too large"),
        415: _("Unsupported media type"),
        429: _("Too many requests"),
    }
    return str(titles.get(status_code, _("Error")))


NON_FIELD = ("non_field_errors", "__all__", "$")


def _flatten(errors: Any, prefix: str = "") -> list[tuple[str, str]]:
    """``(path, message)`` of every error, paths as ``answers.access-to-finance.need`` or
    ``institutions[3].level`` (the place in the input)."""
    found: list[tuple[str, str]] = []
    if isinstance(errors, dict):
        for key, value in errors.items():
            key = str(key)
            if key in NON_FIELD:
                path = prefix
            elif key.startswith("[") or not prefix:
                path = f"{prefix}{key}"
            else:
                path = f"{prefix}.{key}"
            found += _flatten(value, path)
    elif isinstance(errors, (list, tuple)):
        if all(isinstance(e, str) for e in errors):
            found += [(prefix, str(e)) for e in errors]
        else:
            for index, value in enumerate(errors):
                found += _flatten(value, f"{prefix}[{index}]")
    elif errors:
        found.append((prefix, str(errors)))
    return found


def detail_naming_the_field(errors: Any, fallback: str) -> str:
    """The ``detail`` of a 400: the first error with the place it refers to, and how many
    more there are (``errors`` has them all)."""
    flat = [(path, message) for path, message in _flatten(errors) if message]
    if not flat:
        return fallback
    path, message = flat[0]
    detail = _("%(field)s: %(message)s") % {"field": path, "message": message} if path else message
    if len(flat) > 1:
        detail += " " + _("(and %(count)s more; see errors)") % {"count": len(flat) - 1}
    return detail


def problem_exception_handler(exc: Exception, context: dict) -> Response | None:
    if isinstance(exc, DomainError):
        detail = str(exc.message)
        if exc.status == status.HTTP_400_BAD_REQUEST:
            detail = detail_naming_the_field(exc.errors, detail)
        return problem(status_code=exc.status, code=exc.code, detail=detail, errors=exc.errors)
    if isinstance(exc, RequestDataTooBig):
        exc = too_large(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
    elif isinstance(exc, TooManyFieldsSent):
        exc = exceptions.ParseError(
            _("The request has more than %(n)s fields.")
            % {"n": settings.DATA_UPLOAD_MAX_NUMBER_FIELDS},
            code="too_many_fields",
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
            detail=detail_naming_the_field(
                exc.detail, _("The request has invalid fields; see errors.")
            ),
            errors=exc.detail,
        )
    if isinstance(exc, exceptions.ParseError) and _code_of(exc) in ("too_deep", "too_many_fields"):
        return problem(
            status_code=status.HTTP_400_BAD_REQUEST, code=_code_of(exc), detail=str(exc.detail)
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
