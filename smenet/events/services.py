"""Writes of the events app."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from smenet.common.services import validate
from smenet.governance.models import Decision
from smenet.registry.roles import require_secretariat

from .models import Meeting, MeetingDecision


@transaction.atomic
def meeting_record_decisions(
    *, actor: Any, meeting: Meeting, decisions: Iterable[Decision]
) -> list[MeetingDecision]:
    """Record that ``decisions`` were taken at ``meeting`` (a decision is taken at one meeting;
    recording it again at the same meeting changes nothing)."""
    require_secretariat(actor)
    links = []
    for decision in decisions:
        link = MeetingDecision.objects.filter(decision=decision).first()
        if link is None:
            link = MeetingDecision(meeting=meeting, decision=decision)
            validate(link)
            link.save()
        links.append(link)
    return links
