"""Who sees a job: the person who started it and the Secretariat (nobody else, not even the
owner's colleagues: a job's result can hold a draft plan or a members-only report)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models

from smenet.registry import roles

if TYPE_CHECKING:
    from smenet.registry.types import Viewer


class JobQuerySet(models.QuerySet):
    def visible_to(self, user: Viewer) -> JobQuerySet:
        if not getattr(user, "is_authenticated", False):
            return self.none()
        if roles.is_secretariat(user):
            return self
        return self.filter(owner=user)
