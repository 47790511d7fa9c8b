"""Login protection (django-axes, decision 0030): failed logins are counted per account and per
address in the shared cache; past ``SMENET_LOGIN_FAILURE_LIMIT`` the account, or the address,
is locked out for ``SMENET_LOGIN_COOLOFF_MINUTES``, on ``/login/`` and on the API's token
endpoint alike. A locked-out request is answered 429 with ``Retry-After`` (problem+json under
``/api/``, a page otherwise)."""

from __future__ import annotations

import math
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def login_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str | None:
    """The account a login attempt names, as the login itself reads it (e-mail, any case)."""
    value = (credentials or {}).get("username")
    if value is None:
        value = request.POST.get("username") if request.method == "POST" else None
    return value.strip().lower() if isinstance(value, str) else None


def retry_after() -> int:
    """Seconds until a lockout ends (the whole cool-off: the lockout is renewed by every
    further failure)."""
    from axes.helpers import get_cool_off

    cool_off = get_cool_off()
    return max(1, math.ceil(cool_off.total_seconds())) if cool_off else 3600


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: Any
) -> HttpResponse:
    seconds = retry_after()
    minutes = max(1, math.ceil(seconds / 60))
    detail = _(
        "Too many failed logins for this account or from this address. Try again in "
        "%(minutes)s minutes."
    ) % {"minutes": minutes}
    if request.path_info.startswith("/api/"):
        response: HttpResponse = JsonResponse(
            {
                "type": "about:blank",
                "title": _("Too many requests"),
                "status": 429,
                "code": "locked_out",
                "detail": detail,
            },
            status=429,
            content_type="application/problem+json",
            json_dumps_params={"ensure_ascii": False},
        )
    else:
        response = render(
            request,
            "common/locked_out.html",
            {"detail": detail, "minutes": minutes},
            status=429,
        )
    response["Retry-After"] = str(seconds)
    return response
