"""Helpers every service uses: validation, optimistic concurrency, history attribution."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from .cleaning import instance_problems
from .errors import Conflict, ValidationFailed

if TYPE_CHECKING:
    from .actors import Person


def validate(instance: models.Model, *, exclude: list[str] | None = None) -> None:
    """``full_clean`` with Django's ValidationError turned into our ValidationFailed, plus the
    input-cleaning layer's checks (column ranges as PostgreSQL has them, text without control
    characters, and the translations the instance carries), so that both databases refuse
    the same values here rather than one of them failing on save."""
    errors: dict[str, list[str]] = {}
    try:
        instance.full_clean(exclude=exclude)
    except ValidationError as exc:
        errors = validation_error_dict(exc)
    for field, problems in instance_problems(instance).items():
        if field not in (exclude or ()):
            errors[field] = problems  # the same words on both databases
    if errors:
        raise ValidationFailed(errors)


def validation_error_dict(exc: ValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return {
            ("non_field_errors" if field == "__all__" else field): [str(m) for m in messages]
            for field, messages in exc.message_dict.items()
        }
    return {"non_field_errors": [str(m) for m in exc.messages]}


def check_version(instance: Any, expected: int | None) -> None:
    """Refuse a save made from a stale copy, naming who changed it in the meantime."""
    if expected is None or expected == instance.version:
        return
    last = instance.history.first() if hasattr(instance, "history") else None
    who = getattr(getattr(last, "history_user", None), "full_name", None) or _("someone else")
    raise Conflict(
        _(
            "This record was changed by %(who)s after you opened it (your version %(yours)s, "
            "current version %(current)s). Reload it and apply your changes again."
        )
        % {"who": who, "yours": expected, "current": instance.version},
        code="edit_conflict",
        field="version",
    )


def attribute_history(instance: Any, actor: Person | None) -> None:
    """Record ``actor`` as the author of the history row the next save writes."""
    if actor is not None and getattr(actor, "is_authenticated", False):
        instance._history_user = actor
