"""The types other apps use for the people who act and the people who look.

``actor: User`` on a service means a signed-in person does it; ``actor: User | None`` means the
system may too (the demo loader, imports, the task worker). ``user: Viewer`` on a selector means
anyone, signed in or not: ``visible_to`` answers for anonymous visitors as well.
"""

from __future__ import annotations

from typing import TypeAlias

from django.contrib.auth.models import AnonymousUser

from .models import User

Viewer: TypeAlias = User | AnonymousUser

__all__ = ["User", "Viewer"]
