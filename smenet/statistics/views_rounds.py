"""Pages of data rounds: the Secretariat opens a round, focal points submit their country's
figures, the Secretariat verifies or returns them; response rates and reminders."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from smenet.common.errors import Conflict, DomainError, ValidationFailed
from smenet.common.forms import invalid_form_response
from smenet.common.permissions import Action
from smenet.registry import roles
from smenet.registry.types import SignedInRequest
from smenet.web import errors as web_errors

from . import selectors, services
from .areas import area_index
from .choices import RoundStatus, SubmissionStatus
from .forms import ReviewForm, RoundForm, RoundStatusForm, SubmissionForm
from .records import Lookups, Raw, Record, clean

ERROR_TEMPLATE = "statistics/error.html"
domain_pages = web_errors.domain_pages(ERROR_TEMPLATE)


def _add_errors(form: Any, exc: DomainError) -> None:
    for key, errors in exc.errors.items():
        target = key if key in form.fields and not form.fields[key].widget.is_hidden else None
        for error in errors:
            form.add_error(target, error)


def _definitions() -> list[tuple[str, str]]:
    from smenet.knowledge.models import SmeDefinition

    areas = area_index(include_former=True)
    codes = sorted(set(SmeDefinition.objects.values_list("country__iso3", flat=True)))
    return [(code, areas.name(code)) for code in codes]


@login_required
@require_GET
@domain_pages
def round_list(request: SignedInRequest) -> HttpResponse:
    rounds = list(selectors.round_list(user=request.user))
    if (
        not rounds
        and not roles.is_secretariat(request.user)
        and not selectors.focal_countries(user=request.user)
        and not roles.is_bureau(request.user)
    ):
        return web_errors.error_page(request, ERROR_TEMPLATE, None, 403)
    return render(
        request,
        "statistics/rounds.html",
        {"rounds": rounds, "may_create": roles.is_secretariat(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
@domain_pages
def round_create(request: SignedInRequest) -> HttpResponse:
    if not roles.is_secretariat(request.user):
        return web_errors.error_page(request, ERROR_TEMPLATE, None, 403)
    indicators = list(selectors.indicator_list(user=request.user))
    form = RoundForm(request.POST or None, indicators=indicators)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        lang = (get_language() or "en").split("-")[0]
        try:
            data_round = services.round_create(
                actor=request.user,
                code=data["code"],
                titles={lang: data["title"]},
                instructions={lang: data["instructions"]} if data["instructions"] else {},
                indicators=[i for i in indicators if i.code in data["indicators"]],
                first_year=data["first_year"],
                last_year=data["last_year"],
                opens_on=data["opens_on"],
                deadline=data["deadline"],
            )
        except ValidationFailed as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The data round was created as a draft."))
            return redirect(data_round.get_absolute_url())
    return render(
        request, "statistics/round_form.html", {"form": form}, status=400 if form.errors else 200
    )


@login_required
@require_GET
@domain_pages
def round_detail(request: SignedInRequest, code: str) -> HttpResponse:
    data_round = selectors.round_get_for_user(user=request.user, code=code)
    own = selectors.focal_countries(user=request.user)
    rates = selectors.round_response_rates(round=data_round)
    responded = sum(1 for r in rates if r.submitted)
    submissions = list(selectors.submission_list(user=request.user, round=data_round))
    return render(
        request,
        "statistics/round_detail.html",
        {
            "round": data_round,
            "rates": rates
            if (roles.is_secretariat(request.user) or roles.is_bureau(request.user))
            else [r for r in rates if r.country.country_id in own],
            "responded": responded,
            "members": len(rates),
            "submissions": submissions,
            "may_submit": data_round.status == RoundStatus.OPEN
            and bool(own or roles.is_secretariat(request.user)),
            "is_secretariat": roles.is_secretariat(request.user),
        },
    )


@login_required
@require_POST
@domain_pages
def round_status(request: SignedInRequest, code: str) -> HttpResponse:
    data_round = selectors.round_get_for_user(user=request.user, code=code, action=Action.CHANGE)
    form = RoundStatusForm(request.POST)
    if not form.is_valid():
        return invalid_form_response(request, form, data_round.get_absolute_url())
    try:
        services.round_set_status(
            actor=request.user,
            round=data_round,
            status=form.cleaned_data["status"],
            expected_version=form.cleaned_data["version"],
        )
    except (Conflict, ValidationFailed) as exc:
        messages.error(request, exc.message)
    return redirect(data_round.get_absolute_url())


@login_required
@require_POST
@domain_pages
def round_reminders(request: SignedInRequest, code: str) -> HttpResponse:
    data_round = selectors.round_get_for_user(user=request.user, code=code, action=Action.CHANGE)
    try:
        count = services.round_send_reminders(actor=request.user, round=data_round)
    except Conflict as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("Reminders are being sent to the focal points of %(count)s member states.")
            % {"count": count},
        )
    return redirect(data_round.get_absolute_url())


def _record(form: SubmissionForm, country_iso3: str) -> tuple[Record | None, list[str]]:
    data = form.cleaned_data
    raw = Raw(
        where="",
        indicator=data["indicator"],
        ref_area=country_iso3,
        period=data["period"],
        value=data["value"],
        obs_status=data["obs_status"],
        source=data["source"],
        definition=data["definition"],
        qualifier=data.get("qualifier") or "",
        note=data["note"],
    )
    return clean(raw, Lookups())


def _apply_problems(form: SubmissionForm, problems: list[str]) -> None:
    for problem in problems:
        field, _sep, message = problem.partition(": ")
        target = {"obs_status": "obs_status", "ref_area": None}.get(field, field)
        form.add_error(target if target in form.fields else None, message or problem)


@login_required
@require_http_methods(["GET", "POST"])
@domain_pages
def submission_create(request: SignedInRequest, code: str) -> HttpResponse:
    data_round = selectors.round_get_for_user(user=request.user, code=code)
    own = sorted(selectors.focal_countries(user=request.user))
    areas = area_index()
    countries = [areas.by_country_id[c] for c in own if c in areas.by_country_id]
    if not countries:
        return web_errors.error_page(request, ERROR_TEMPLATE, None, 403)
    country = countries[0]
    indicators = list(data_round.indicators.all())
    form = SubmissionForm(
        request.POST or None,
        indicators=indicators,
        definitions=_definitions(),
        initial={"definition": country.code},
    )
    if request.method == "POST" and form.is_valid():
        record, problems = _record(form, country.code)
        if problems or record is None:  # clean() gives a record or the problems
            _apply_problems(form, problems)
        else:
            try:
                services.submission_create(
                    actor=request.user,
                    record=record,
                    comment=form.cleaned_data["comment"],
                    round=data_round,
                )
            except (ValidationFailed, Conflict) as exc:
                _add_errors(form, exc)
            else:
                messages.success(
                    request, _("The figure was submitted; the Secretariat will verify it.")
                )
                return redirect(data_round.get_absolute_url())
    return render(
        request,
        "statistics/submission_form.html",
        {"form": form, "round": data_round, "country": country},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
@domain_pages
def submission_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    submission = selectors.submission_get_for_user(user=request.user, pk=pk, action=Action.CHANGE)
    indicators = [submission.indicator]
    initial = {
        "indicator": submission.indicator.code,
        "period": submission.period,
        "value": "" if submission.value is None else f"{submission.value:g}",
        "obs_status": submission.obs_status,
        "qualifier": submission.qualifier,
        "source": submission.source_url,
        "definition": submission.definition.iso3 if submission.definition else "",
        "note": submission.note,
        "comment": submission.comment,
        "version": submission.version,
    }
    form = SubmissionForm(
        request.POST or None, indicators=indicators, definitions=_definitions(), initial=initial
    )
    if request.method == "POST" and form.is_valid():
        record, problems = _record(form, submission.country.iso3)
        if problems or record is None:  # clean() gives a record or the problems
            _apply_problems(form, problems)
        else:
            try:
                services.submission_update(
                    actor=request.user,
                    submission=submission,
                    expected_version=form.cleaned_data["version"],
                    record=record,
                    comment=form.cleaned_data["comment"],
                )
            except (ValidationFailed, Conflict) as exc:
                _add_errors(form, exc)
                submission.refresh_from_db()  # a refused write may have changed it in memory
            else:
                messages.success(
                    request, _("The figure was submitted again; the Secretariat will verify it.")
                )
                return redirect(
                    submission.round.get_absolute_url() if submission.round else "statistics:index"
                )
    return render(
        request,
        "statistics/submission_form.html",
        {
            "form": form,
            "round": submission.round,
            "country": area_index().by_country_id.get(submission.country_id),
            "submission": submission,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_GET
@domain_pages
def verification_queue(request: SignedInRequest) -> HttpResponse:
    queue = list(selectors.verification_queue(user=request.user))
    return render(
        request,
        "statistics/verification.html",
        {"queue": queue, "previous": services.previous_values(queue)},
    )


@login_required
@require_http_methods(["GET", "POST"])
@domain_pages
def submission_review(request: SignedInRequest, pk: int) -> HttpResponse:
    submission = selectors.submission_get_for_user(user=request.user, pk=pk, action=Action.REVIEW)
    form = ReviewForm(request.POST or None, initial={"version": submission.version})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["decision"] == "verify":
                services.submission_verify(
                    actor=request.user, submission=submission, expected_version=data["version"]
                )
                messages.success(request, _("The figure is verified and published."))
            else:
                services.submission_return(
                    actor=request.user,
                    submission=submission,
                    comment=data["comment"],
                    expected_version=data["version"],
                )
                messages.success(request, _("The figure was returned to the focal point."))
        except (ValidationFailed, Conflict) as exc:
            _add_errors(form, exc)
            submission.refresh_from_db()  # a refused write may have changed it in memory
        else:
            return redirect("statistics:verification")
    return render(
        request,
        "statistics/submission_review.html",
        {
            "submission": submission,
            "form": form,
            "previous": services.previous_values([submission]).get(submission.pk),
            "pending": submission.status == SubmissionStatus.SUBMITTED,
        },
        status=400 if form.errors else 200,
    )
