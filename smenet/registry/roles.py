"""Who a user is in the network. Cached on the user object for the duration of a request."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, TypedDict

from .choices import Role

if TYPE_CHECKING:
    from django.db.models import QuerySet
    from django_stubs_ext import WithAnnotations

    from .models import Country, Institution, User
    from .types import Viewer


class FocalFor(TypedDict):
    focal_for_id: int


def _assignments(user: Viewer | None) -> list[tuple[str, int | None]]:
    if user is None or not user.is_authenticated:
        return []
    cached: list[tuple[str, int | None]] | None = getattr(user, "_smenet_roles", None)
    if cached is None:
        cached = list(user.role_assignments.values_list("role", "institution_id"))
        # Cached on the object for this request (not a model field).
        setattr(user, "_smenet_roles", cached)  # noqa: B010
    return cached


def forget(user: Viewer | None) -> None:
    if user is not None and hasattr(user, "_smenet_roles"):
        delattr(user, "_smenet_roles")


def has_role(user: Viewer | None, role: str) -> bool:
    return any(r == role for r, _inst in _assignments(user))


def is_secretariat(user: Viewer | None) -> bool:
    return bool(getattr(user, "is_superuser", False)) or has_role(user, Role.SECRETARIAT)


def is_bureau(user: Viewer | None) -> bool:
    return has_role(user, Role.BUREAU)


def can_read_all(user: Viewer | None) -> bool:
    """Secretariat and Bureau see every member's submissions and drafts."""
    return is_secretariat(user) or is_bureau(user)


def focal_institution_ids(user: Viewer | None) -> set[int]:
    return {inst for r, inst in _assignments(user) if r == Role.FOCAL_POINT and inst is not None}


def focal_points_of(
    institutions: Institution | int | Iterable[Institution | int],
) -> QuerySet[WithAnnotations[User, FocalFor]]:
    """The people who speak for these institutions: active users holding the focal-point role
    for one of them, one row per (person, institution) with the institution's id as
    ``focal_for_id``, ordered by institution then person. The one way to answer "who are the
    focal points of X" (reminders, notifications)."""
    from django.db.models import F

    from .models import User

    if isinstance(institutions, Iterable):
        ids = [getattr(i, "pk", i) for i in institutions]
    else:
        ids = [getattr(institutions, "pk", institutions)]
    return (
        User.objects.filter(
            is_active=True,
            role_assignments__role=Role.FOCAL_POINT,
            role_assignments__institution_id__in=ids,
        )
        .annotate(focal_for_id=F("role_assignments__institution_id"))
        .order_by("focal_for_id", "pk")
    )


class FocalIn(TypedDict):
    focal_for_id: int
    focal_country_id: int


def focal_points_in(countries: Iterable[Country | int]) -> QuerySet[WithAnnotations[User, FocalIn]]:
    """The focal points of the institutions of these countries (statistics rounds ask a country,
    not an institution): one row per (person, institution) with ``focal_for_id`` and the
    institution's ``focal_country_id``, ordered by country, institution, person."""
    from django.db.models import F

    from .models import User

    ids = [getattr(c, "pk", c) for c in countries]
    return (
        User.objects.filter(
            is_active=True,
            role_assignments__role=Role.FOCAL_POINT,
            role_assignments__institution__country_id__in=ids,
        )
        .annotate(
            focal_for_id=F("role_assignments__institution_id"),
            focal_country_id=F("role_assignments__institution__country_id"),
        )
        .order_by("focal_country_id", "focal_for_id", "pk")
    )


def require_secretariat(actor: User | None) -> None:
    """Services call this for Secretariat-only writes; ``actor=None`` is the system itself
    (reference data, demo data, management commands)."""
    from django.utils.translation import gettext as _

    from smenet.common.errors import PermissionDenied

    if actor is not None and not is_secretariat(actor):
        raise PermissionDenied(_("Only the Secretariat may do this."), code="secretariat_only")
