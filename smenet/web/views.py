"""The site shell: the home page (login and logout are Django's own views, see urls.py)."""

from __future__ import annotations

from django.contrib.staticfiles import finders
from django.http import FileResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import cache_control

from smenet.governance import selectors as governance
from smenet.registry import selectors as registry
from smenet.registry.choices import InstitutionCategory, MembershipStatus


def home(request):
    today = timezone.localdate()
    bureau = list(governance.mandate_list(body="bureau", current=True, on=today))
    members = registry.institution_list(user=request.user, category=InstitutionCategory.MEMBER)
    figures = {
        "states": registry.country_list().count(),
        "members": members.filter(membership_status=MembershipStatus.MEMBER).count(),
        "institutions": members.count(),
        "countries_with_members": members.values("country").distinct().count(),
    }
    decisions = list(governance.decision_list()[:5])
    return render(
        request,
        "web/home.html",
        {"bureau": bureau, "figures": figures, "decisions": decisions, "today": today},
    )


@cache_control(max_age=7 * 24 * 3600, public=True)
def favicon(request):
    """``/favicon.ico``, which browsers ask for whatever the page says (it was a 404)."""
    path = finders.find("web/img/favicon.ico")
    return FileResponse(open(path, "rb"), content_type="image/x-icon")  # noqa: SIM115
