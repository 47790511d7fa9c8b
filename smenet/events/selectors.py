"""Reads of the events app."""

from __future__ import annotations

from collections.abc import Iterable

from smenet.governance.models import Decision

from .models import Meeting, MeetingDecision


def meetings_of_decisions(*, decisions: Iterable[Decision]) -> dict[int, Meeting]:
    """``{decision id: the meeting that took it}`` for the decisions taken at a meeting."""
    links = (
        MeetingDecision.objects.filter(decision__in=[d.pk for d in decisions])
        .select_related("meeting")
        .prefetch_related("meeting__translations")
    )
    return {link.decision_id: link.meeting for link in links}
