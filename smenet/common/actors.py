"""The person ``common`` deals with, without importing the registry (``common`` is the lowest
layer; the registry's ``User`` and Django's ``AnonymousUser`` both fit). Apps above type their
actors with ``smenet.registry.types.User`` and ``Viewer``."""

from __future__ import annotations

from typing import Protocol


class Person(Protocol):
    """Someone signed in or not: all ``common`` asks of a user is whether they are signed in."""

    @property
    def is_authenticated(self) -> bool: ...
