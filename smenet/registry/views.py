"""Registry pages: the member directory, institution and country pages, and the focal point's
self-service profile editing. Thin: parse, call a selector or service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from smenet.common import formatting
from smenet.common.errors import Conflict, DomainError, NotFound, PermissionDenied
from smenet.common.forms import response_status
from smenet.common.permissions import Action
from smenet.common.translation import translated, translations_dict
from smenet.governance import selectors as governance
from smenet.web.errors import add_domain_errors

from . import selectors as registry
from .forms import InstitutionProfileForm, MemberFilterForm
from .services import institution_update

PAGE_SIZE = 24


def _by_name(items):
    """In the order of their names in the page's language (a real collation, not codes)."""
    return formatting.sort_by_name(items, lambda obj: translated(obj, "name"))


def _by_country_then_name(institutions):
    """Institutions by country name, then name; international partners last."""
    return sorted(
        institutions,
        key=lambda i: (
            i.country is None,
            formatting.collation_key(translated(i.country, "name") if i.country else ""),
            formatting.collation_key(translated(i, "name") or i.acronym),
        ),
    )


def member_directory(request):
    countries = _by_name(registry.country_list())
    form = MemberFilterForm(
        request.GET or None, countries=countries, regions=registry.region_list()
    )
    filters = form.cleaned_data if form.is_valid() else {}
    institutions = registry.institution_list(
        user=request.user,
        country=filters.get("country") or None,
        type=filters.get("type") or None,
        status=filters.get("status") or None,
        region=filters.get("oic_group") or None,
        q=filters.get("q") or None,
    )
    # A directory is at most a few thousand rows: sorted by name here, then paginated.
    page = Paginator(_by_country_then_name(institutions), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "registry/member_directory.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


def institution_detail(request, slug: str):
    try:
        institution = registry.institution_get_for_user(user=request.user, slug=slug)
    except NotFound:
        raise Http404 from None
    mandates = governance.mandate_list(holder=slug)
    can_edit = registry.institution_may_change(user=request.user, institution=institution)
    return render(
        request,
        "registry/institution_detail.html",
        {"institution": institution, "mandates": mandates, "can_edit": can_edit},
    )


@login_required
@require_http_methods(["GET", "POST"])
def institution_edit(request, slug: str):
    try:
        institution = registry.institution_get_for_user(
            user=request.user, slug=slug, action=Action.CHANGE
        )
    except NotFound:
        raise Http404 from None
    except PermissionDenied as exc:
        return HttpResponseForbidden(str(exc.message))
    names = translations_dict(institution, "name")
    descriptions = translations_dict(institution, "description")
    initial = {
        "version": institution.version,
        "native_name": institution.native_name,
        "website": institution.website,
        "email": institution.email,
        "phone": institution.phone,
        **{f"name_{code}": names.get(code, "") for code in ("ar", "en", "fr")},
        **{f"description_{code}": descriptions.get(code, "") for code in ("ar", "en", "fr")},
    }
    form = InstitutionProfileForm(request.POST or None, initial=initial)
    conflict = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            institution_update(
                actor=request.user,
                institution=institution,
                expected_version=data["version"],
                names={code: data[f"name_{code}"] for code in ("ar", "en", "fr")},
                descriptions={code: data[f"description_{code}"] for code in ("ar", "en", "fr")},
                native_name=data["native_name"],
                website=data["website"],
                email=data["email"],
                phone=data["phone"],
            )
        except Conflict as exc:
            form.add_error(None, str(exc.message))
            conflict = True
        except DomainError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("The profile was saved."))
            return redirect(institution.get_absolute_url())
    return render(
        request,
        "registry/institution_edit.html",
        {"institution": institution, "form": form},
        status=response_status(form, conflict=conflict),
    )


def country_list(request):
    countries = _by_name(registry.country_list())
    return render(request, "registry/country_list.html", {"countries": countries})


def country_detail(request, iso3: str):
    try:
        country = registry.country_get(iso3=iso3)
    except NotFound:
        raise Http404 from None
    institutions = _by_name(registry.institution_list(user=request.user, country=country.iso3))
    return render(
        request, "registry/country_detail.html", {"country": country, "institutions": institutions}
    )
