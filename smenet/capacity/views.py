"""Pages of capacity building. Thin: parse the input, call a selector or a service, render.

Pages that change something take a POST with an ``action`` naming the operation, so that a
refused operation re-renders the same page with the error next to its field."""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from smenet.common import exports, formatting
from smenet.common.charts import heat_level
from smenet.common.errors import Conflict, DomainError, NotFound, PermissionDenied
from smenet.common.forms import response_status
from smenet.common.permissions import Action
from smenet.common.translation import translated
from smenet.registry import roles
from smenet.registry import selectors as registry
from smenet.registry.choices import InstitutionCategory
from smenet.registry.types import SignedInRequest, Viewer, is_signed_in
from smenet.taxonomy.selectors import subject_list
from smenet.web import errors as web_errors

from . import selectors, services
from .choices import (
    ActivityStatus,
    CycleStatus,
    NominationStatus,
    ResponseStatus,
)
from .forms import (
    ANSWER_COLUMNS,
    ActivityFilterForm,
    ActivityReportForm,
    AttendanceForm,
    CycleForm,
    EvaluationForm,
    MatchingForm,
    NominationForm,
    ReportFilterForm,
    ResponseForm,
    TransitionForm,
)
from .models import Activity, Cycle, Nomination, Response

PAGE_SIZE = 20
EVALUATION_SALT = "smenet.evaluation"
EVALUATION_MAX_AGE = 60 * 60 * 24 * 365  # a year after the activity is enough to answer
CERTIFICATE_LANGUAGES = ("ar", "en", "fr")


# --- helpers ---------------------------------------------------------------------------------


ERROR_TEMPLATE = "capacity/error.html"
domain_pages = web_errors.domain_pages(ERROR_TEMPLATE)


def _error_page(request: HttpRequest, exc: DomainError | None, status: int) -> HttpResponse:
    return web_errors.error_page(request, ERROR_TEMPLATE, exc, status)


def _unknown_action(request: HttpRequest) -> HttpResponse:
    """A POST that asks for nothing this page does: 400, nothing done."""
    return _error_page(request, DomainError(_("This page has no such action.")), 400)


def evaluation_token(nomination: Nomination) -> str:
    return signing.dumps(nomination.pk, salt=EVALUATION_SALT)


# --- public list of activities ---------------------------------------------------------------


@require_GET
def public_activities(request: HttpRequest) -> HttpResponse:
    """Scheduled and delivered activities for everyone; signed-in members also see their own
    and, for the Secretariat and Bureau, every activity."""
    subjects = list(subject_list())
    countries = registry.country_list()
    statuses = selectors.activity_statuses_for(user=request.user)
    sees_more = selectors.activity_sees_unpublished(user=request.user)
    form = ActivityFilterForm(
        request.GET or None, subjects=subjects, countries=countries, statuses=statuses
    )
    filters = form.cleaned_data if form.is_valid() else {}
    activities = selectors.activity_list(
        user=request.user,
        subject=filters.get("subject") or None,
        country=filters.get("country") or None,
        status=filters.get("status") or None,
    )
    page = Paginator(activities, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "capacity/public_activities.html",
        {"form": form, "page": page, "query": query.urlencode(), "sees_more": sees_more},
    )


# --- cycles ----------------------------------------------------------------------------------


@login_required
@require_GET
def cycle_list(request: SignedInRequest) -> HttpResponse:
    cycles = list(selectors.cycle_list(user=request.user))
    own = roles.focal_institution_ids(request.user)
    answers: dict[int, list[Any]] = {}
    if own:
        for response in selectors.responses_of_user(user=request.user).filter(
            institution_id__in=own
        ):
            answers.setdefault(response.cycle_id, []).append(response)
    rows = [(cycle, answers.get(cycle.pk, [])) for cycle in cycles]
    return render(
        request,
        "capacity/cycle_list.html",
        {
            "rows": rows,
            "can_read_all": roles.can_read_all(request.user),
            "can_create": roles.is_secretariat(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@domain_pages
def cycle_create(request: SignedInRequest) -> HttpResponse:
    if not roles.is_secretariat(request.user):
        raise PermissionDenied(_("Only the Secretariat opens a questionnaire cycle."))
    institutions = list(
        registry.institution_list(user=request.user, category=InstitutionCategory.MEMBER)
    )
    form = CycleForm(
        request.POST or None,
        institutions=institutions,
        initial={"institutions": [str(i.pk) for i in institutions]},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            cycle = services.cycle_create(
                actor=request.user,
                code=data["code"],
                titles={
                    code: data[f"title_{code}"]
                    for code in ("ar", "en", "fr")
                    if data[f"title_{code}"]
                },
                opens_on=data["opens_on"],
                closes_on=data["closes_on"],
                institutions=form.chosen_institutions(),
            )
        except DomainError as exc:
            web_errors.add_domain_errors(form, exc)
        else:
            messages.success(request, _("The cycle is open."))
            return redirect(cycle.get_absolute_url())
    return render(request, "capacity/cycle_form.html", {"form": form}, status=response_status(form))


def _unmet_reasons() -> dict[str, str]:
    return {
        "no_provider": _("nobody offers this subject"),
        "no_compatible_provider": _(
            "no provider may serve it (same country, or no common language)"
        ),
        "max_received_reached": _("the beneficiary receives as many activities as it wants"),
        "provider_capacity_exhausted": _("the providers' capacity is used for other needs"),
        "already_served": _("already served by an activity of this cycle"),
    }


def _runs_with_reasons(user: Viewer, cycle: Cycle) -> list[Any]:
    """The cycle's runs, with their unmet and already-served needs named (institutions and
    subjects, not the slugs and codes the engine works with)."""
    reasons = _unmet_reasons()
    runs = list(selectors.matching_runs(user=user, cycle=cycle))
    entries = [
        u
        for run in runs
        for u in run.output.get("unmet_needs", []) + run.output.get("already_served", [])
    ]
    institutions, subjects = selectors.matching_names(
        slugs={u.get("beneficiary", "") for u in entries},
        codes={u.get("subject", "") for u in entries},
    )

    def named(u: dict[str, Any]) -> dict[str, Any]:
        return {
            **u,
            "beneficiary": institutions.get(u.get("beneficiary", ""), u.get("beneficiary")),
            "subject": subjects.get(u.get("subject", ""), u.get("subject")),
            "reason": reasons.get(u.get("reason", ""), u.get("reason", "")),
        }

    for run in runs:  # the template reads these two lists beside the run's own fields
        run.unmet = [named(u) for u in run.output.get("unmet_needs", [])]  # type: ignore[attr-defined]
        run.served = [named(u) for u in run.output.get("already_served", [])]  # type: ignore[attr-defined]
    return runs


@login_required
@require_http_methods(["GET", "POST"])
@domain_pages
def cycle_dashboard(request: SignedInRequest, code: str) -> HttpResponse:
    cycle = selectors.cycle_get_for_user(user=request.user, code=code)
    matching_form = MatchingForm(request.POST if request.POST.get("action") == "match" else None)
    if request.method == "POST":
        action = request.POST.get("action")
        if action not in ("reminders", "match", "accept", "reject"):
            return _unknown_action(request)
        try:
            if action == "reminders":
                queued = services.cycle_send_reminders(actor=request.user, cycle=cycle)
                messages.success(
                    request,
                    _("%(count)s reminders were queued; they are sent by e-mail shortly.")
                    % {"count": queued}
                    if queued
                    else _("Every institution has answered: no reminder was needed."),
                )
                return redirect(cycle.get_absolute_url())
            if action == "match" and matching_form.is_valid():
                run = services.matching_run_for_cycle(
                    actor=request.user, cycle=cycle, **matching_form.cleaned_data
                )
                messages.success(
                    request,
                    _("The matching run proposes %(count)s activities (total score %(score)s).")
                    % {"count": len(run.output.get("activities", [])), "score": run.total_score},
                )
                return redirect(cycle.get_absolute_url() + "#runs")
            if action in ("accept", "reject"):
                proposal = next(
                    (
                        p
                        for run in selectors.matching_runs(user=request.user, cycle=cycle)
                        for p in run.proposals.all()
                        if str(p.pk) == request.POST.get("proposal")
                    ),
                    None,
                )
                if proposal is None:
                    raise NotFound(_("Unknown proposal."))
                proposal = services.proposal_decide(
                    actor=request.user, proposal=proposal, accept=action == "accept"
                )
                if proposal.activity:
                    messages.success(
                        request,
                        _("Proposal accepted: activity %(reference)s was created.")
                        % {"reference": proposal.activity.reference},
                    )
                else:
                    messages.success(request, _("Proposal rejected."))
                return redirect(cycle.get_absolute_url() + "#runs")
        except Conflict as exc:
            messages.error(request, str(exc.message))
            return redirect(cycle.get_absolute_url() + "#runs")
        except DomainError as exc:
            if isinstance(exc, PermissionDenied | NotFound):
                raise
            matching_form.add_error(None, str(exc.message))
    dashboard = selectors.cycle_dashboard(user=request.user, cycle=cycle)
    top_need = max((c.need_total for c in dashboard.heat), default=0)
    top_capacity = max((c.capacity_total for c in dashboard.heat), default=0)
    heat = [
        {
            "cell": cell,
            "need_level": heat_level(cell.need_total, top_need),
            "capacity_level": heat_level(cell.capacity_total, top_capacity),
        }
        for cell in dashboard.heat
    ]
    return render(
        request,
        "capacity/cycle_dashboard.html",
        {
            "cycle": cycle,
            "dashboard": dashboard,
            "heat": heat,
            "runs": _runs_with_reasons(request.user, cycle),
            "reminders": cycle.reminders.select_related("institution")[:50],
            "matching_form": matching_form,
            "can_manage": roles.is_secretariat(request.user),
        },
        status=response_status(matching_form),
    )


# --- answers ---------------------------------------------------------------------------------


def _lock_reason(response: Response, user: Viewer) -> str:
    today = timezone.localdate()
    cycle = response.cycle
    if not response.reopened and (today > cycle.closes_on or cycle.status == CycleStatus.CLOSED):
        return _(
            "The deadline of this cycle (%(date)s) has passed, so the answers are locked. Ask the "
            "Secretariat to reopen them."
        ) % {"date": formatting.date(cycle.closes_on)}
    if response.status == ResponseStatus.SIGNED_OFF and not roles.is_secretariat(user):
        return _(
            "These answers are signed off, so they are locked. Ask the Secretariat to reopen them."
        )
    return ""


@login_required
@require_http_methods(["GET", "POST"])
@domain_pages
def response_edit(request: SignedInRequest, code: str, slug: str) -> HttpResponse:
    cycle = selectors.cycle_get_for_user(user=request.user, code=code)
    response = selectors.response_get_for_user(
        user=request.user, cycle=cycle, institution_slug=slug
    )
    may_change = roles.is_secretariat(request.user) or (
        response.institution_id in roles.focal_institution_ids(request.user)
    )
    locked = _lock_reason(response, request.user)
    subjects = list(subject_list())
    action = request.POST.get("action") if request.method == "POST" else None
    bound = action in ("save", "submit")
    conflict = False
    form = ResponseForm(
        request.POST if bound else None,
        subjects=subjects,
        answers=response.answers.all(),
        disabled=bool(locked) or not may_change,
        initial={
            "version": response.version,
            "languages": response.languages,
            "max_received": response.max_received,
        },
    )
    if request.method == "POST" and action not in ("save", "submit", "reopen", "sign_off"):
        return _unknown_action(request)
    if action:
        if not may_change:
            raise PermissionDenied(
                _("Only the focal point of %(institution)s may answer for it.")
                % {"institution": response.institution.acronym}
            )
        if action == "reopen":
            services.response_reopen(actor=request.user, response=response)
            messages.success(request, _("The answers are reopened."))
            return redirect(request.path)
        if action == "sign_off":
            try:
                services.response_sign_off(actor=request.user, response=response)
            except DomainError as exc:
                if isinstance(exc, PermissionDenied):
                    raise
                messages.error(request, str(exc.message))
            else:
                messages.success(request, _("The answers are signed off. Thank you."))
            return redirect(request.path)
        if bound and form.is_valid():
            data = form.cleaned_data
            try:
                with transaction.atomic():
                    saved = services.response_save(
                        actor=request.user,
                        response=response,
                        expected_version=data["version"],
                        answers=form.changed_answers(),
                        languages=data["languages"],
                        max_received=data["max_received"],
                    )
                    if action == "submit":
                        saved = selectors.response_get_for_user(
                            user=request.user, cycle=cycle, institution_slug=slug
                        )
                        services.response_submit(actor=request.user, response=saved)
            except DomainError as exc:
                if isinstance(exc, PermissionDenied):
                    raise
                web_errors.add_domain_errors(form, exc, form.field_for_error)
                conflict = isinstance(exc, Conflict)
            else:
                if action == "submit":
                    done = _("Your answers are submitted. Thank you.")
                elif saved.status in (ResponseStatus.SUBMITTED, ResponseStatus.SIGNED_OFF):
                    # There is one set of answers, not a draft beside a submitted copy.
                    done = _(
                        "Your changes are saved and count at once: these answers were already "
                        "submitted, so the Secretariat and the matching now see them as they are."
                    )
                else:
                    done = _("Your draft is saved. You can come back and continue later.")
                messages.success(request, done)
                return redirect(request.path)
    return render(
        request,
        "capacity/response_edit.html",
        {
            "cycle": cycle,
            "response": response,
            "form": form,
            "rows": form.rows(),
            "columns": [label for _name, label in ANSWER_COLUMNS],
            "locked": locked,
            "may_change": may_change,
            "is_secretariat": roles.is_secretariat(request.user),
        },
        status=response_status(form, conflict=conflict),
    )


# --- activities ------------------------------------------------------------------------------
#
# The activity page shows everything; each operation on it is its own view below (one per
# ``action`` the page's forms post), reading what the user may do from one
# ``selectors.ActivityActions``. A refused or invalid operation re-renders the page with its
# form bound and the errors next to their fields (400).


def _activity_context(request: HttpRequest, activity: Activity) -> dict[str, Any]:
    nominations = selectors.nomination_list(user=request.user, activity=activity)
    may = selectors.activity_actions(user=request.user, activity=activity, nominations=nominations)
    providers = list(activity.providers.all())
    beneficiaries = list(activity.beneficiaries.all())
    confirmed_ids = {c.institution_id for c in activity.confirmations.all()}
    sides = [
        {"institution": i, "role": role, "confirmed": i.pk in confirmed_ids}
        for role, group in ((_("provider"), providers), (_("beneficiary"), beneficiaries))
        for i in group
    ]
    quota = [
        {
            "institution": inst,
            "used": sum(
                1
                for n in activity.nominations.all()
                if n.institution_id == inst.pk and n.status != NominationStatus.DECLINED
            ),
            "places": activity.participants_per_beneficiary,
        }
        for inst in may.nominate_for
    ]
    evaluation_links = [
        (
            n,
            request.build_absolute_uri(
                reverse("capacity:evaluation", kwargs={"token": evaluation_token(n)})
            ),
        )
        for n in nominations
        if may.manages and n.attended
    ]
    return {
        "activity": activity,
        "may": may,
        "providers": providers,
        "beneficiaries": beneficiaries,
        "sides": sides,
        "nominations": nominations,
        "transitions": list(activity.transitions.all()),
        "next_statuses": may.next_statuses,
        "may_schedule": may.schedule,
        "needs_reason": may.needs_reason,
        "is_secretariat": may.is_secretariat,
        "manages": may.manages,
        "may_confirm": may.confirm,
        "quota": quota,
        "evaluation_links": evaluation_links,
        "may_certify": may.certify,
        "report": getattr(activity, "report", None),
        "may_record_attendance": may.record_attendance,
        "may_report": may.report,
        "languages": CERTIFICATE_LANGUAGES,
    }


def _wall_clock(value: Any, zone: str) -> Any:
    if value is None:
        return None
    try:
        return timezone.localtime(value, zoneinfo.ZoneInfo(zone)).replace(tzinfo=None)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return value


def _activity_forms(activity: Activity, context: dict[str, Any]) -> dict[str, Any]:
    """The page's forms, unbound; an action view binds the one it handles."""
    return {
        "transition_form": TransitionForm(
            initial={
                "starts_at": _wall_clock(activity.starts_at, activity.time_zone),
                "ends_at": _wall_clock(activity.ends_at, activity.time_zone),
                "time_zone": activity.time_zone,
                "format": activity.format,
                "venue": activity.venue,
                "online_link": activity.online_link,
            },
        ),
        "nomination_form": NominationForm(
            institutions=[q["institution"] for q in context["quota"]],
        ),
        "attendance_form": AttendanceForm(
            nominations=[
                n for n in context["nominations"] if n.status != NominationStatus.DECLINED
            ],
        ),
        "report_form": ActivityReportForm(
            initial={
                "outputs": context["report"].outputs if context["report"] else "",
                "language": get_language(),
            },
        ),
    }


def _activity_page(
    request: HttpRequest, activity: Activity, *, status: int = 200, **bound: Any
) -> HttpResponse:
    context = _activity_context(request, activity)
    forms = {**_activity_forms(activity, context), **bound}
    return render(request, "capacity/activity_detail.html", {**context, **forms}, status=status)


def _done(request: HttpRequest, activity: Activity, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect(activity.get_absolute_url())


def _with_form(
    request: HttpRequest,
    activity: Activity,
    name: str,
    form: Any,
    write: Callable[[Any], str],
) -> HttpResponse:
    """Validate ``form`` and run ``write(form)`` (a service call returning the success
    message); on bad input or a refused rule, the page again with the errors on the form."""
    if form.is_valid():
        try:
            return _done(request, activity, write(form))
        except DomainError as exc:
            if isinstance(exc, PermissionDenied | NotFound):
                raise
            web_errors.add_domain_errors(form, exc)
            activity.refresh_from_db()  # a refused write may have changed the object in memory
    return _activity_page(request, activity, status=400, **{name: form})


def activity_confirm(request: SignedInRequest, activity: Activity) -> HttpResponse:
    services.activity_confirm(actor=request.user, activity=activity)
    return _done(request, activity, _("Your confirmation is recorded."))


def activity_transition(request: SignedInRequest, activity: Activity) -> HttpResponse:
    def write(form: Any) -> str:
        to = form.cleaned_data["to"]
        services.activity_transition(
            actor=request.user,
            activity=activity,
            to=to,
            reason=form.cleaned_data["reason"],
            **(form.schedule() if to == ActivityStatus.SCHEDULED else {}),
        )
        return _("The activity is now %(status)s.") % {"status": activity.get_status_display()}

    return _with_form(request, activity, "transition_form", TransitionForm(request.POST), write)


def activity_nominate(request: SignedInRequest, activity: Activity) -> HttpResponse:
    context = _activity_context(request, activity)
    if not context["quota"]:
        raise PermissionDenied(_("You cannot nominate participants for this activity."))
    form = NominationForm(request.POST, institutions=[q["institution"] for q in context["quota"]])

    def write(form: Any) -> str:
        data = dict(form.cleaned_data)
        services.nomination_create(
            actor=request.user,
            activity=activity,
            institution=form.institution_objects[data.pop("institution")],
            **data,
        )
        return _("The participant is nominated.")

    return _with_form(request, activity, "nomination_form", form, write)


def nomination_decide(
    request: SignedInRequest, activity: Activity, *, confirm: bool
) -> HttpResponse:
    pk = request.POST.get("nomination") or ""
    nomination = selectors.nomination_get_for_user(
        user=request.user, pk=int(pk) if pk.isdigit() else 0, action=Action.CHANGE
    )
    if nomination.activity_id != activity.pk:
        raise NotFound(_("Unknown nomination."))
    services.nomination_decide(actor=request.user, nomination=nomination, confirm=confirm)
    return _done(request, activity, _("The nomination is updated."))


def activity_attendance(request: SignedInRequest, activity: Activity) -> HttpResponse:
    context = _activity_context(request, activity)
    form = AttendanceForm(
        request.POST,
        nominations=[n for n in context["nominations"] if n.status != NominationStatus.DECLINED],
    )

    def write(form: Any) -> str:
        services.attendance_record(
            actor=request.user, activity=activity, attended=form.attendance()
        )
        return _("The attendance is recorded.")

    return _with_form(request, activity, "attendance_form", form, write)


def activity_report(request: SignedInRequest, activity: Activity) -> HttpResponse:
    def write(form: Any) -> str:
        services.activity_report_submit(
            actor=request.user,
            activity=activity,
            outputs=form.cleaned_data["outputs"],
            language=form.cleaned_data["language"],
        )
        return _("The report is saved.")

    return _with_form(request, activity, "report_form", ActivityReportForm(request.POST), write)


#: The operations the activity page posts, by the ``action`` its forms send.
ACTIVITY_ACTIONS: dict[str, Callable[[SignedInRequest, Activity], HttpResponse]] = {
    "confirm": activity_confirm,
    "transition": activity_transition,
    "nominate": activity_nominate,
    "confirm_nomination": lambda request, activity: nomination_decide(
        request, activity, confirm=True
    ),
    "decline_nomination": lambda request, activity: nomination_decide(
        request, activity, confirm=False
    ),
    "attendance": activity_attendance,
    "report": activity_report,
}


@require_http_methods(["GET", "POST"])
@domain_pages
def activity_detail(request: HttpRequest, reference: str) -> HttpResponse:
    if request.method == "GET":
        activity = selectors.activity_get_for_user(user=request.user, reference=reference)
        return _activity_page(request, activity)
    if not is_signed_in(request):
        return redirect(f"{reverse('web:login')}?next={request.path}")
    activity = selectors.activity_get_for_user(
        user=request.user, reference=reference, action=Action.CHANGE
    )
    operation = ACTIVITY_ACTIONS.get(request.POST.get("action") or "")
    if operation is None:
        return _activity_page(request, activity, status=400)
    try:
        return operation(request, activity)
    except DomainError as exc:
        if isinstance(exc, PermissionDenied | NotFound):
            raise
        messages.error(request, str(exc.message))
        return redirect(activity.get_absolute_url())


@require_http_methods(["GET", "POST"])
def evaluation(request: HttpRequest, token: str) -> HttpResponse:
    """A participant's evaluation, reached by the signed link in the activity's page."""
    try:
        pk = signing.loads(token, salt=EVALUATION_SALT, max_age=EVALUATION_MAX_AGE)
    except signing.SignatureExpired:
        return _error_page(
            request,
            DomainError(_("This evaluation link has expired. Ask the organisers for a new one.")),
            400,
        )
    except signing.BadSignature:
        return _error_page(
            request,
            NotFound(_("This evaluation link is not valid. Check that you copied all of it.")),
            404,
        )
    # The signed token is the participant's key: no account is involved.
    nomination = selectors.nomination_for_evaluation(pk=pk)
    if nomination is None:
        return _error_page(request, NotFound(_("This evaluation link is not valid.")), 404)
    already = hasattr(nomination, "evaluation")
    form = EvaluationForm(request.POST or None)
    if request.method == "POST" and not already and form.is_valid():
        try:
            services.evaluation_submit(nomination=nomination, **form.cleaned_data)
        except DomainError as exc:
            web_errors.add_domain_errors(form, exc)
        else:
            messages.success(request, _("Thank you: your evaluation is recorded."))
            return redirect(request.path)
    return render(
        request,
        "capacity/evaluation.html",
        {
            "nomination": nomination,
            "activity": nomination.activity,
            "form": form,
            "already": already,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_GET
@domain_pages
def certificate(request: SignedInRequest, reference: str, pk: int) -> HttpResponse:
    activity = selectors.activity_get_for_user(user=request.user, reference=reference)
    context = _activity_context(request, activity)
    nomination = next((n for n in context["nominations"] if n.pk == pk), None)
    if nomination is None:
        raise NotFound(_("Unknown participant."))
    if pk not in context["may_certify"]:
        if not nomination.attended:
            raise NotFound(_("A certificate is only issued to a participant who attended."))
        raise PermissionDenied(_("You may not download this certificate."))
    lang = request.GET.get("lang") or (get_language() or "en").split("-")[0]
    if lang not in CERTIFICATE_LANGUAGES:
        return _error_page(
            request,
            DomainError(_("Certificates are available in Arabic, English and French.")),
            400,
        )
    from .certificates import certificate_pdf

    nomination.activity = activity
    pdf = certificate_pdf(nomination=nomination, lang=lang)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="certificate-{activity.reference}-{nomination.pk}-{lang}.pdf"'
    )
    return response


# --- reports ---------------------------------------------------------------------------------


@login_required
@require_GET
def reports(request: SignedInRequest) -> HttpResponse:
    form = ReportFilterForm(request.GET or None, cycles=selectors.cycle_list(user=request.user))
    cycle = (form.cleaned_data.get("cycle") if form.is_valid() else None) or None
    data = selectors.activity_report(user=request.user, cycle=cycle)
    export = reverse("capacity:reports-export")
    suffix = f"&cycle={cycle}" if cycle else ""
    names = {c.iso3: translated(c, "name") for c in registry.country_list()}
    balance = [
        {**row, "name": names.get(row["country"], ""), "balance": row["provided"] - row["received"]}
        for row in data.balance
    ]
    tables = [
        (_("Activities by subject"), data.by_subject),
        (_("Activities by type"), data.by_type),
        (_("Activities by status"), data.by_status),
        (_("Activities by cycle"), data.by_cycle),
        (_("Participants who attended, by gender"), data.participants_by_gender),
    ]
    return render(
        request,
        "capacity/reports.html",
        {
            "form": form,
            "data": data,
            "tables": tables,
            "balance": balance,
            "csv_url": f"{export}?format=csv{suffix}",
            "xlsx_url": f"{export}?format=xlsx{suffix}",
        },
    )


@login_required
@require_GET
def reports_export(request: SignedInRequest) -> HttpResponse:
    from .exports import activities_csv, activities_xlsx

    form = ReportFilterForm(request.GET, cycles=selectors.cycle_list(user=request.user))
    cycle = (form.cleaned_data.get("cycle") if form.is_valid() else None) or None
    activities = selectors.activity_list(user=request.user, cycle=cycle)
    kind = request.GET.get("format", "csv")
    stamp = timezone.localdate().isoformat()
    filename = f"smenet-activities-{stamp}.{kind}"
    if kind == "xlsx":
        return exports.download(activities_xlsx(activities), filename, exports.XLSX_TYPE)
    if kind == "csv":
        return exports.download(activities_csv(activities), filename, exports.CSV_TYPE)
    return _error_page(request, DomainError(_("Choose the CSV or XLSX format.")), 400)
