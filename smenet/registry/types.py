"""The types other apps use for the people who act and the people who look.

``actor: User`` on a service means a signed-in person does it; ``actor: User | None`` means the
system may too (the demo loader, imports, the task worker). ``user: Viewer`` on a selector means
anyone, signed in or not: ``visible_to`` answers for anonymous visitors as well.

A view behind ``login_required`` takes a :class:`SignedInRequest`, whose ``user`` is a ``User``;
a view open to everyone takes an ``HttpRequest`` and, before a write, asks
:func:`is_signed_in`, which narrows the request for the type checker.
"""

from __future__ import annotations

from typing import TypeAlias, TypeGuard

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest

from .models import User

Viewer: TypeAlias = User | AnonymousUser


class SignedInRequest(HttpRequest):
    """A request of a signed-in person (the django-stubs pattern for ``login_required``
    views); never instantiated, only a type."""

    user: User


def is_signed_in(request: HttpRequest) -> TypeGuard[SignedInRequest]:
    """Whether the request's user is signed in; a true answer makes it a ``SignedInRequest``."""
    return request.user.is_authenticated


__all__ = ["SignedInRequest", "User", "Viewer", "is_signed_in"]
