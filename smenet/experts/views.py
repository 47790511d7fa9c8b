"""Pages of the expert roster. Thin: parse, call a selector or a service, render. What is shown
of an expert always comes from ``selectors.expert_card`` (consented parts only)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from smenet.capacity import selectors as capacity
from smenet.common import uploads
from smenet.common.errors import Conflict, DomainError, ValidationFailed
from smenet.common.forms import invalid_form_response
from smenet.common.permissions import Action
from smenet.registry import roles
from smenet.registry.types import SignedInRequest
from smenet.web import errors as web_errors

from . import selectors, services
from .choices import Vetting
from .forms import (
    ActivityExpertsForm,
    ConsentForm,
    ExpertFilterForm,
    ExpertForm,
    VetForm,
    WithdrawForm,
)

PAGE_SIZE = 20
domain_pages = web_errors.domain_pages("services_directory/error.html")


def _add_errors(form: Any, exc: DomainError) -> None:
    for key, errors in exc.errors.items():
        target = key if key in form.fields and not form.fields[key].widget.is_hidden else None
        for error in errors:
            form.add_error(target, error)


@require_GET
def expert_list(request: HttpRequest) -> HttpResponse:
    form = ExpertFilterForm(request.GET or None, countries=selectors.countries())
    raw = form.cleaned_data if form.is_valid() else {}
    try:
        filters = selectors.check_filters(raw)
    except ValidationFailed as exc:
        _add_errors(form, exc)
        filters = {}
    experts = selectors.expert_list(user=request.user, **filters)
    page = Paginator(experts, PAGE_SIZE).get_page(request.GET.get("page"))
    cards = [selectors.expert_card(user=request.user, expert=e) for e in page.object_list]
    query = request.GET.copy()
    query.pop("page", None)
    can_propose = request.user.is_authenticated and bool(
        roles.focal_institution_ids(request.user) or roles.is_secretariat(request.user)
    )
    return render(
        request,
        "experts/list.html",
        {
            "form": form,
            "page": page,
            "cards": cards,
            "query": query.urlencode(),
            "can_propose": can_propose,
        },
        status=400 if form.errors else 200,
    )


@require_GET
@domain_pages
def expert_detail(request: HttpRequest, pk: int) -> HttpResponse:
    expert = selectors.expert_get_for_user(user=request.user, pk=pk)
    return render(
        request,
        "experts/detail.html",
        {
            "expert": expert,
            "card": selectors.expert_card(user=request.user, expert=expert),
            "activities": selectors.expert_activities(user=request.user, expert=expert),
            "actions": selectors.expert_actions(user=request.user, expert=expert),
            "vetting_choices": Vetting.choices,
        },
    )


@login_required
@require_GET
@domain_pages
def expert_cv(request: SignedInRequest, pk: int) -> HttpResponseBase:
    cv = selectors.expert_cv_for_user(user=request.user, pk=pk)
    return uploads.attachment(cv)


@login_required
@require_http_methods(["GET", "POST"])
@domain_pages
def expert_create(request: SignedInRequest) -> HttpResponse:
    institutions = selectors.expert_keeper_institutions(user=request.user)
    form = ExpertForm(
        request.POST or None,
        request.FILES or None,
        institutions=institutions,
        countries=selectors.countries(),
    )
    if request.method == "POST" and form.is_valid():
        values = form.values()
        try:
            expert = services.expert_create(actor=request.user, **values)
        except DomainError as exc:
            _add_errors(form, exc)
        else:
            messages.success(
                request,
                _(
                    "The expert was added. They are listed once they consent and the Secretariat vets them."
                ),
            )
            return redirect(expert.get_absolute_url())
    return render(
        request,
        "experts/form.html",
        {"form": form, "expert": None},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
@domain_pages
def expert_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    expert = selectors.expert_get_for_user(user=request.user, pk=pk, action=Action.CHANGE)
    try:
        institutions = list(selectors.expert_keeper_institutions(user=request.user))
    except DomainError:
        institutions = []
    if expert.institution and expert.institution not in institutions:
        institutions.append(expert.institution)
    form = ExpertForm(
        request.POST or None,
        request.FILES or None,
        institutions=institutions,
        countries=selectors.countries(),
        expert=expert,
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        values = form.values()
        try:
            services.expert_update(
                actor=request.user,
                expert=expert,
                expected_version=form.cleaned_data.get("version"),
                **values,
            )
        except Conflict as exc:
            form.add_error(None, str(exc.message))
            status = 409
        except DomainError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The profile was saved."))
            return redirect(expert.get_absolute_url())
    if form.errors and status == 200:
        status = 400
    return render(request, "experts/form.html", {"form": form, "expert": expert}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
@domain_pages
def expert_consent(request: SignedInRequest, pk: int) -> HttpResponse:
    expert = selectors.expert_get_for_user(user=request.user, pk=pk, action=Action.CHANGE)
    initial = {
        "listing": expert.listing if expert.listing != "none" else "members",
        "show": [
            p
            for p in (
                "institution",
                "languages",
                "countries",
                "summary",
                "contact",
                "cv",
                "availability",
            )
            if expert.shows(p)
        ],
    }
    back = expert.get_absolute_url()
    if request.method == "POST" and "withdraw" in request.POST:
        withdraw = WithdrawForm(request.POST)
        if not withdraw.is_valid():
            return invalid_form_response(request, withdraw, back)
        try:
            services.expert_withdraw_consent(actor=request.user, expert=expert)
        except DomainError as exc:
            if exc.status in (403, 404):
                raise
            return _refused(request, withdraw, back, exc)
        messages.success(
            request,
            _("The consent is withdrawn: the listing and the personal details are removed."),
        )
        return redirect(back)
    form = ConsentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.expert_give_consent(
                actor=request.user,
                expert=expert,
                listing=form.cleaned_data["listing"],
                show=form.cleaned_data["show"],
            )
        except DomainError as exc:
            if exc.status in (403, 404):
                raise
            _add_errors(form, exc)
        else:
            messages.success(request, _("The consent is recorded."))
            return redirect(back)
    return render(
        request,
        "experts/consent.html",
        {"form": form, "expert": expert, "withdraw_form": WithdrawForm()},
        status=400 if form.errors else 200,
    )


def _refused(request: HttpRequest, form: Any, back: str, exc: DomainError) -> HttpResponse:
    """A button's step the service refused: a 4xx page saying why (409 for a conflict), with
    a link back; nothing was written."""
    _add_errors(form, exc)
    response = invalid_form_response(request, form, back)
    if 400 <= exc.status < 500:
        response.status_code = exc.status
    return response


@login_required
@require_POST
@domain_pages
def expert_vet(request: SignedInRequest, pk: int) -> HttpResponse:
    """The Secretariat records the vetting. Bad input or a refusal is a 4xx page, never a
    redirect: nothing was written."""
    expert = selectors.expert_get_for_user(user=request.user, pk=pk)
    back = expert.get_absolute_url()
    form = VetForm(request.POST)
    if not form.is_valid():
        return invalid_form_response(request, form, back)
    try:
        services.expert_vet(actor=request.user, expert=expert, vetting=form.cleaned_data["vetting"])
    except DomainError as exc:
        if exc.status in (403, 404):
            raise
        return _refused(request, form, back, exc)
    messages.success(request, _("The vetting is recorded."))
    return redirect(back)


@login_required
@require_http_methods(["GET", "POST"])
@domain_pages
def activity_experts(request: SignedInRequest, reference: str) -> HttpResponse:
    """The activity's provider or the Secretariat names the activity's experts."""
    from smenet.capacity.services import activity_require_organiser

    activity = capacity.activity_get_for_user(user=request.user, reference=reference)
    activity_require_organiser(actor=request.user, activity=activity)
    current = selectors.activity_named_roles(activity=activity)
    nameable = list(selectors.nameable_experts(user=request.user))
    named_elsewhere = [e for e in selectors.experts_by_ids(current) if e not in nameable]
    form = ActivityExpertsForm(
        request.POST or None, experts=nameable + named_elsewhere, current=current
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_experts_set(
                actor=request.user, activity=activity, experts=form.chosen()
            )
        except DomainError as exc:
            if exc.status in (403, 404):
                raise
            _add_errors(form, exc)
        else:
            messages.success(request, _("The activity's experts are saved."))
            return redirect(activity.get_absolute_url())
    return render(
        request,
        "experts/activity_experts.html",
        {"form": form, "activity": activity},
        status=400 if form.errors else 200,
    )
