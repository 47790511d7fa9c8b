"""The governance page: bodies, current office holders, the mandate timeline, decisions."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone

from smenet.events.selectors import meetings_of_decisions
from smenet.registry import roles

from . import selectors as governance
from .timeline import mandate_timeline


def governance_page(request):
    today = timezone.localdate()
    bodies = governance.body_list()
    mandates = list(governance.mandate_list(on=today))
    current = [m for m in mandates if m.is_current(today)]
    decisions = list(governance.decision_list())
    taken_at = meetings_of_decisions(decisions=decisions)
    for decision in decisions:
        decision.taken_at = taken_at.get(decision.pk)
    return render(
        request,
        "governance/governance.html",
        {
            "bodies": bodies,
            "current": current,
            "timeline": mandate_timeline(mandates, today=today),
            "decisions": decisions,
            "today": today,
            "is_staff_view": roles.can_read_all(request.user),
        },
    )
