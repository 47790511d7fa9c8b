"""``{% activity_experts activity %}``: the experts named for a capacity-building activity,
for the activity's page (one line in capacity's template, no dependency of capacity on us)."""

from __future__ import annotations

from typing import Any

from django import template
from django.contrib.auth.models import AnonymousUser

from smenet.common.errors import DomainError
from smenet.registry.types import Viewer

from .. import selectors

register = template.Library()


@register.inclusion_tag("experts/_activity_experts.html", takes_context=True)
def activity_experts(context: dict[str, Any], activity: Any) -> dict[str, Any]:
    from smenet.capacity.services import activity_require_organiser

    request = context.get("request")
    # Without a request (a template rendered outside one) the reader is anonymous.
    user: Viewer = getattr(request, "user", None) or AnonymousUser()
    may_name = False
    if user.is_authenticated:
        try:
            activity_require_organiser(actor=user, activity=activity)
            may_name = True
        except DomainError:
            may_name = False
    return {
        "cards": selectors.activity_expert_cards(user=user, activity=activity),
        "activity": activity,
        "may_name": may_name,
    }
