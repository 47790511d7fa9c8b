"""The one permission chokepoint (decisions 0007 and 0015).

Who may do what with a model is decided in one place: its QuerySet's ``visible_to(user,
action)``, built on ``registry.roles``. Views, API views and services fetch member data only
through ``*_get_for_user`` selectors, which call :func:`get_for_user` here, so that every refusal
answers the same way:

- **404** when the object does not exist, when the user may not see it, or when it belongs to
  somebody else's business (another institution's draft, report, response; a write on another
  institution's public profile). An outsider learns nothing, not even that it exists.
- **403** when the object is within the user's reach (``within_reach_of``: by default whatever
  they may see) but this action is not theirs now: a Bureau member answering a questionnaire, a
  focal point editing its own practice once published.

A model whose public part is visible to everyone (institutions, published practices, public
activities) overrides ``within_reach_of`` so that a write on another institution's public object
is a 404, not a 403.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .errors import NotFound, PermissionDenied

if TYPE_CHECKING:
    from .actors import Person


class Action(models.TextChoices):
    """What a user wants to do with an object. One vocabulary for every app."""

    VIEW = "view", gettext_lazy("view")
    CHANGE = "change", gettext_lazy("change")
    COMMENT = "comment", gettext_lazy("comment")
    REVIEW = "review", gettext_lazy("review")
    REPORT = "report", gettext_lazy("report progress")


_QS = TypeVar("_QS", bound="RestrictedQuerySetMixin")


class RestrictedQuerySetMixin:
    """``visible_to`` and ``within_reach_of`` for any QuerySet class (mix it in before
    ``models.QuerySet`` or parler's ``TranslatableQuerySet``).

    ``user`` is ``Any`` here on purpose: each app's QuerySet narrows it to
    ``smenet.registry.types.Viewer`` (``common`` may not import the registry, and an override
    may only widen a parameter's type, never narrow it)."""

    def visible_to(self: _QS, user: Any, action: str = Action.VIEW) -> _QS:
        """The objects ``user`` may perform ``action`` on. Every model's QuerySet defines it;
        an action it does not know yields nothing."""
        raise NotImplementedError(f"{type(self).__name__} must define visible_to()")

    def within_reach_of(self: _QS, user: Any) -> _QS:
        """Objects whose refusal is explained (403) rather than hidden (404)."""
        return self.visible_to(user, Action.VIEW)


class RestrictedQuerySet(RestrictedQuerySetMixin, models.QuerySet):
    pass


_M = TypeVar("_M", bound=models.Model)


def get_for_user(
    queryset: models.QuerySet[_M],
    *,
    user: Person,
    action: str = Action.VIEW,
    not_found: str | None = None,
    refused: str | None = None,
    code: str = "not_allowed",
    **lookup: Any,
) -> _M:
    """The one object matching ``lookup`` that ``user`` may ``action``; otherwise ``NotFound``
    (404) or, when it is within the user's reach, ``PermissionDenied`` (403) with ``refused``.

    ``queryset`` carries the prefetching the caller needs; its model's QuerySet must be a
    :class:`RestrictedQuerySetMixin`."""
    restricted: Any = queryset
    model = queryset.model
    try:
        return restricted.visible_to(user, action).get(**lookup)
    except model.DoesNotExist:  # type: ignore[attr-defined]  # every concrete model has it
        pass
    if action != Action.VIEW and restricted.within_reach_of(user).filter(**lookup).exists():
        raise PermissionDenied(refused or _("You may not do this."), code=code) from None
    raise NotFound(not_found or _("Not found.")) from None
