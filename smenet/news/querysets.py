"""Who sees which news: everyone the published (and scheduled whose time has come), the
Secretariat everything; only the Secretariat writes news."""

from __future__ import annotations

import datetime

from django.db.models import Q
from django.utils import timezone
from parler.managers import TranslatableQuerySet

from smenet.common.permissions import Action, RestrictedQuerySetMixin
from smenet.registry import roles
from smenet.registry.types import Viewer

from .choices import NewsStatus


class NewsQuerySet(RestrictedQuerySetMixin, TranslatableQuerySet):
    def published(self, now: datetime.datetime | None = None) -> NewsQuerySet:
        """Published, or scheduled for a moment that has come (the worker flips the status at
        that moment too; readers never wait for it)."""
        now = now or timezone.now()
        return self.filter(
            status__in=(NewsStatus.PUBLISHED, NewsStatus.SCHEDULED), publish_at__lte=now
        )

    def visible_to(self, user: Viewer, action: str = Action.VIEW) -> NewsQuerySet:
        if roles.is_secretariat(user):
            return self
        if action == Action.VIEW:
            return self.published()
        return self.none()

    def in_language(self, lang: str) -> NewsQuerySet:
        return self.filter(Q(translations__language_code=lang)).distinct()

    def newest_first(self) -> NewsQuerySet:
        return self.order_by("-publish_at", "-pk")
