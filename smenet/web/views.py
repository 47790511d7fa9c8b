"""The site shell: the home page and the login page (logout is Django's own view)."""

from __future__ import annotations

import json

from django.contrib.auth import views as auth_views
from django.contrib.staticfiles import finders
from django.http import FileResponse, HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, get_language_bidi, gettext
from django.views.decorators.cache import cache_control

from smenet.events import selectors as events
from smenet.governance import selectors as governance
from smenet.news import selectors as news
from smenet.registry import selectors as registry
from smenet.registry.choices import InstitutionCategory, MembershipStatus

from .forms import LoginForm


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
    # The follow-up actions the user's institutions owe past their date (issue 13): the
    # dashboard of a signed-in focal point (all of them for the Secretariat).
    overdue = (
        list(events.overdue_actions_for(user=request.user, today=today)[:10])
        if request.user.is_authenticated
        else []
    )
    return render(
        request,
        "web/home.html",
        {
            "bureau": bureau,
            "figures": figures,
            "decisions": decisions,
            "today": today,
            "news": news.news_published(limit=3),
            "meetings": events.upcoming_public(limit=3),
            "overdue": overdue,
        },
    )


@cache_control(max_age=7 * 24 * 3600, public=True)
def favicon(request):
    """``/favicon.ico``, which browsers ask for whatever the page says (it was a 404)."""
    path = finders.find("web/img/favicon.ico")
    return FileResponse(open(path, "rb"), content_type="image/x-icon")  # noqa: SIM115


@cache_control(max_age=24 * 3600, public=True)
def manifest(request):
    """The web manifest, in the language of its URL (``/ar/manifest.webmanifest`` …): the name a
    phone shows under the icon, the icons, the colours, and the home page to open."""
    brand = "#0b6e4f"
    icons = [
        {"src": static("web/img/icon-192.png"), "sizes": "192x192", "type": "image/png"},
        {"src": static("web/img/icon-512.png"), "sizes": "512x512", "type": "image/png"},
        {
            "src": static("web/img/icon-maskable-512.png"),
            "sizes": "512x512",
            "type": "image/png",
            "purpose": "maskable",
        },
        {"src": static("web/img/favicon.svg"), "sizes": "any", "type": "image/svg+xml"},
    ]
    data = {
        "id": "/",
        "name": gettext("OIC SME Network"),
        "short_name": "OIC-SMENET",
        "description": gettext(
            "The platform of the OIC SME Network: the SME-development institutions of the 57 "
            "member states of the Organisation of Islamic Cooperation, their governance, "
            "capacity building, action plan, knowledge hub and SME statistics."
        ),
        "lang": get_language(),
        "dir": "rtl" if get_language_bidi() else "ltr",
        "start_url": reverse("web:home"),
        "scope": "/",
        "display": "minimal-ui",
        "theme_color": brand,
        "background_color": "#ffffff",
        "icons": icons,
    }
    return HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=1),
        content_type="application/manifest+json; charset=utf-8",
    )


class LoginView(auth_views.LoginView):
    """Django's login page behind the input-cleaning layer; a refused login answers 400."""

    template_name = "web/login.html"
    redirect_authenticated_user = True
    authentication_form = LoginForm

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response
