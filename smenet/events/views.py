"""Pages of meetings: lists (upcoming, past, month, mine), the meeting page, participation,
minutes, the decision register, calendars. Thin: parse, call a selector or a service, render.

A refused change re-renders the page with the error next to its field (400, or 409), in the
user's language, with nothing saved."""

from __future__ import annotations

import calendar as pycalendar
import datetime
import os
from collections import defaultdict
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import BadRequest
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from smenet.common import uploads
from smenet.common.errors import Conflict, DomainError, NotFound
from smenet.common.forms import invalid_form_response
from smenet.common.permissions import Action
from smenet.common.translation import translated
from smenet.governance.models import Body
from smenet.registry import roles
from smenet.web import errors as web_errors

from . import selectors, services
from .calendar import calendar_bytes
from .choices import ActionStatus, MeetingStatus, MinutesStatus
from .formatting import hijri, meeting_when
from .forms import (
    CirculateForm,
    CommentForm,
    FollowUpStatusForm,
    MinutesAdoptForm,
    MinutesDraftForm,
    NominationForm,
    ParticipantDecisionForm,
    RegisterFilterForm,
    RegistrationForm,
)
from .models import Meeting
from .services import agenda_numbering

PAGE_SIZE = 20
ERROR_TEMPLATE = "events/error.html"
domain_pages = web_errors.domain_pages(ERROR_TEMPLATE)


def _lang() -> str:
    return (get_language() or "en").split("-")[0]


def add_errors(form: Any, exc: DomainError) -> None:
    for key, errors in exc.errors.items():
        target = key if key in form.fields and not form.fields[key].widget.is_hidden else None
        for error in errors:
            form.add_error(target, error)


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _status_for(exc: DomainError) -> int:
    return 409 if isinstance(exc, Conflict) else 400


# --- lists ----------------------------------------------------------------------------------


def _bodies() -> list[Body]:
    return selectors.bodies()


def _body_filter(request: HttpRequest) -> str | None:
    code = (request.GET.get("body") or "").strip()
    return code if code and selectors.body_find(code=code) is not None else None


@require_GET
def meeting_list(request, when: str = "upcoming"):
    now = timezone.now()
    body = _body_filter(request)
    qs = selectors.meeting_list(user=request.user, body=body)
    qs = qs.upcoming(now) if when == "upcoming" else qs.past(now)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "events/meeting_list.html",
        {
            "page": page,
            "meetings": list(page.object_list),
            "when": when,
            "bodies": _bodies(),
            "body": body,
            "query": _query_without_page(request),
            "calendar_feed": reverse("events:body-feed", args=[body])
            if body
            else reverse("events:feed"),
        },
    )


@require_GET
def month_view(request, year: int | None = None, month: int | None = None):
    today = timezone.localdate()
    year, month = year or today.year, month or today.month
    if not (1 <= month <= 12 and 1900 <= year <= 2200):
        raise Http404
    first = datetime.date(year, month, 1)
    last_day = pycalendar.monthrange(year, month)[1]
    start = datetime.datetime.combine(
        first, datetime.time(0), tzinfo=datetime.UTC
    ) - datetime.timedelta(hours=14)
    end = datetime.datetime.combine(
        first + datetime.timedelta(days=last_day), datetime.time(0), tzinfo=datetime.UTC
    ) + datetime.timedelta(hours=14)
    body = _body_filter(request)
    meetings = list(
        selectors.meeting_list(
            user=request.user, body=body, start_from=start, start_to=end
        ).order_by("start", "pk")
    )
    by_day: dict[datetime.date, list[Meeting]] = defaultdict(list)
    for m in meetings:
        day = m.local_start.date()
        last = (m.local_end - datetime.timedelta(seconds=1)).date()
        while day <= last:
            if day.year == year and day.month == month:
                by_day[day].append(m)
            day += datetime.timedelta(days=1)
    weeks = []
    for week in pycalendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        weeks.append([(d, d.month == month, by_day.get(d, [])) for d in week])
    prev_month = (first - datetime.timedelta(days=1)).replace(day=1)
    next_month = first + datetime.timedelta(days=last_day)
    return render(
        request,
        "events/month.html",
        {
            "weeks": weeks,
            "month": first,
            "meetings": meetings,
            "prev": prev_month,
            "next": next_month,
            "bodies": _bodies(),
            "body": body,
            "today": today,
            "weekdays": [pycalendar.day_name[i] for i in range(7)],
        },
    )


@login_required
@require_GET
def my_meetings(request):
    now = timezone.now()
    mine = list(selectors.my_meetings(user=request.user).order_by("-start", "pk")[:100])
    return render(
        request,
        "events/my_meetings.html",
        {
            "upcoming": [m for m in mine if m.end >= now][::-1],
            "past": [m for m in mine if m.end < now],
            "overdue": list(selectors.overdue_actions_for(user=request.user)[:50]),
            "token": selectors.live_calendar_token(request.user),
        },
    )


@login_required
@require_POST
def calendar_address(request):
    action = request.POST.get("action", "issue")
    if action not in ("issue", "revoke"):  # a tampered button: nothing is written
        raise BadRequest(action)
    if action == "revoke":
        services.calendar_token_revoke(user=request.user)
        messages.success(request, _("Your private calendar address was revoked."))
    else:
        services.calendar_token_issue(user=request.user)
        messages.success(
            request, _("Your new private calendar address is below; the old one no longer works.")
        )
    return redirect("events:mine")


# --- one meeting ----------------------------------------------------------------------------


def _agenda_tree(meeting: Meeting) -> list[dict[str, Any]]:
    items = list(meeting.agenda_items.all())
    numbers = agenda_numbering(items)
    tops = [i for i in items if i.parent_id is None]
    children: dict[int, list] = defaultdict(list)
    for i in items:
        if i.parent_id:
            children[i.parent_id].append(i)
    return [
        {
            "item": top,
            "number": numbers[top.pk],
            "children": [{"item": c, "number": numbers[c.pk]} for c in children[top.pk]],
        }
        for top in tops
    ]


@domain_pages
@require_GET
def meeting_detail(request, code: str):
    meeting = selectors.meeting_detail(user=request.user, code=code)
    minutes = selectors.minutes_of(meeting)
    own = roles.focal_institution_ids(request.user)
    invitations = (
        list(meeting.invitations.select_related("institution").filter(institution_id__in=own))
        if own
        else []
    )
    versions = list(meeting.agenda_versions.all())
    return render(
        request,
        "events/meeting_detail.html",
        {
            "meeting": meeting,
            "when": meeting_when(meeting),
            "hijri": hijri(meeting.local_start) if _lang() == "ar" else "",
            "agenda": _agenda_tree(meeting),
            "agenda_version": versions[0] if versions else None,
            "documents": meeting.visible_documents,
            "register": list(meeting.decision_links.all()),
            "minutes": minutes,
            "minutes_status": selectors.minutes_status(meeting, minutes),
            "show_minutes": selectors.minutes_visible_to(request.user, meeting, minutes),
            "show_join": meeting.join_url and selectors.is_registered(request.user, meeting),
            "invitations": invitations,
            "is_secretariat": roles.is_secretariat(request.user),
            "can_register": meeting.registration_open
            and meeting.status not in (MeetingStatus.CANCELLED, MeetingStatus.HELD)
            and meeting.end > timezone.now(),
        },
    )


@require_GET
def meeting_ics(request, code: str):
    try:
        meeting = selectors.meeting_get_for_user(user=request.user, code=code)
    except NotFound:
        raise Http404 from None
    joins = selectors.join_link_meetings(request.user, [meeting])
    body = calendar_bytes(
        [meeting],
        name=translated(meeting, "title", _lang()) or meeting.code,
        lang=_lang(),
        join_links_for=joins,
    )
    return _ics_response(body, f"{meeting.code}.ics")


def _ics_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


FEED_WINDOW = datetime.timedelta(days=366 * 2)


def _feed_meetings(qs) -> list[Meeting]:
    """Meetings from two years back on, at most 1,000 (a feed is read often, by machines)."""
    since = timezone.now() - FEED_WINDOW
    return list(qs.filter(end__gte=since).order_by("start", "pk")[:1000])


@require_GET
def meetings_feed(request):
    qs = selectors.meeting_list(user=AnonymousUser())
    return _ics_response(
        calendar_bytes(_feed_meetings(qs), name=_("OIC SME Network meetings"), lang=_lang()),
        "meetings.ics",
    )


@require_GET
def body_feed(request, code: str):
    body = selectors.body_find(code=code)
    if body is None:
        raise Http404
    qs = selectors.meeting_list(user=AnonymousUser(), body=code)
    name = _("%(body)s meetings") % {"body": translated(body, "name", _lang()) or code}
    return _ics_response(calendar_bytes(_feed_meetings(qs), name=name, lang=_lang()), f"{code}.ics")


@require_GET
def private_feed(request, token: str):
    try:
        user = selectors.calendar_token_user(token)
    except NotFound as exc:
        return HttpResponse(
            exc.message,
            status=410 if exc.code == "token_revoked" else 404,
            content_type="text/plain; charset=utf-8",
        )
    meetings = _feed_meetings(selectors.my_meetings(user=user))
    joins = selectors.join_link_meetings(user, meetings)
    lang = user.language or _lang()
    return _ics_response(
        calendar_bytes(
            meetings, name=_("My OIC SME Network meetings"), lang=lang, join_links_for=joins
        ),
        "my-meetings.ics",
    )


# --- participation --------------------------------------------------------------------------


@domain_pages
@login_required
@require_http_methods(["GET", "POST"])
def participants(request, code: str):
    meeting = selectors.meeting_get_for_user(user=request.user, code=code)
    own_ids = roles.focal_institution_ids(request.user)
    invitations = list(
        meeting.invitations.select_related("institution").order_by("institution__acronym")
    )
    is_secretariat = roles.is_secretariat(request.user)
    mine = [i for i in invitations if i.institution_id in own_ids]
    if not is_secretariat and not mine and not roles.is_bureau(request.user):
        raise NotFound(_("Unknown meeting."))
    institutions = [i.institution for i in mine]
    form = NominationForm(institutions=institutions)
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "nominate")
        if action in ("approve", "refuse") and is_secretariat:
            decision = ParticipantDecisionForm(request.POST)
            if not decision.is_valid():
                back = reverse("events:participants", kwargs={"code": meeting.code})
                return invalid_form_response(request, decision, back)
            participant = selectors.participant_get_for_user(
                user=request.user,
                pk=decision.cleaned_data["participant"],
                meeting=meeting,
                action=Action.CHANGE,
            )
            try:
                services.participant_decide(
                    actor=request.user, participant=participant, approve=action == "approve"
                )
                messages.success(request, _("Saved."))
                return redirect("events:participants", code=meeting.code)
            except DomainError as exc:
                messages.error(request, exc.message)
                status = _status_for(exc)
        else:
            form = NominationForm(request.POST, institutions=institutions)
            if form.is_valid():
                data = form.cleaned_data
                institution = (
                    institutions[0]
                    if len(institutions) == 1
                    else next(
                        (i for i in institutions if str(i.pk) == data.get("institution")), None
                    )
                )
                if institution is None:
                    form.add_error(None, _("Choose the institution you nominate for."))
                    status = 400
                else:
                    try:
                        services.nomination_create(
                            actor=request.user,
                            meeting=meeting,
                            institution=institution,
                            full_name=data["full_name"],
                            email=data["email"],
                            function=data["function"],
                            nationality=data["nationality"],
                            passport_number=data["passport_number"],
                            language=data["language"],
                        )
                        messages.success(
                            request, _("The delegate is nominated; the Secretariat will confirm.")
                        )
                        return redirect("events:participants", code=meeting.code)
                    except DomainError as exc:
                        add_errors(form, exc)
                        status = _status_for(exc)
            else:
                status = 400
    people = list(selectors.participants_for(user=request.user, meeting=meeting))
    used: defaultdict[int, int] = defaultdict(int)
    for p in people:
        if p.counts_against_quota and p.institution_id:
            used[p.institution_id] += 1
    return render(
        request,
        "events/participants.html",
        {
            "meeting": meeting,
            "invitations": invitations if is_secretariat or roles.is_bureau(request.user) else mine,
            "mine": [(i, used[i.institution_id]) for i in mine],
            "people": people,
            "form": form if mine else None,
            "is_secretariat": is_secretariat,
        },
        status=status,
    )


@domain_pages
@require_http_methods(["GET", "POST"])
def register(request, code: str):
    meeting = selectors.meeting_get_for_user(user=request.user, code=code)
    initial = {"language": _lang()}
    if request.user.is_authenticated:
        initial.update(full_name=request.user.full_name, email=request.user.email)
    form = RegistrationForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.registration_create(
                    actor=request.user, meeting=meeting, **form.cleaned_data
                )
                messages.success(
                    request, _("You are registered. The Secretariat will confirm by e-mail.")
                )
                return redirect(meeting.get_absolute_url())
            except DomainError as exc:
                add_errors(form, exc)
                status = _status_for(exc)
        else:
            status = 400
    return render(
        request, "events/register.html", {"meeting": meeting, "form": form}, status=status
    )


@domain_pages
@login_required
@require_GET
def invitation_letter(request, code: str, pk: int, lang: str):
    from .letters import invitation_letter_pdf

    meeting = selectors.meeting_get_for_user(user=request.user, code=code)
    participant = selectors.participant_get_for_user(user=request.user, pk=pk, meeting=meeting)
    try:
        pdf = invitation_letter_pdf(participant=participant, lang=lang)
    except DomainError as exc:
        return web_errors.error_page(request, ERROR_TEMPLATE, exc, _status_for(exc))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="invitation-{meeting.code}-{pk}-{lang}.pdf"'
    )
    return response


@domain_pages
@require_GET
def document_file(request, pk: int):
    version = selectors.document_file_get_for_user(user=request.user, pk=pk)
    name = f"{version.document.symbol.replace('/', '-')}-{version.language}{os.path.splitext(version.file.name or '')[1]}"
    return uploads.attachment(version.file, filename=name)  # nosniff, sandbox, no-store


# --- minutes --------------------------------------------------------------------------------


@domain_pages
@require_http_methods(["GET", "POST"])
def minutes_page(request, code: str):
    meeting = selectors.meeting_get_for_user(user=request.user, code=code)
    minutes = selectors.minutes_of(meeting)
    is_secretariat = roles.is_secretariat(request.user)
    if not is_secretariat and not selectors.minutes_visible_to(request.user, meeting, minutes):
        raise NotFound(_("These minutes are not available."))
    may_comment = (
        minutes is not None
        and minutes.status == MinutesStatus.CIRCULATED
        and selectors.may_comment(user=request.user, meeting=meeting)
    )
    draft_form = MinutesDraftForm(
        initial={
            "text": minutes.text if minutes else "",
            "version": minutes.version if minutes else None,
        }
    )
    circulate_form = CirculateForm()
    comment_form = CommentForm()
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        if action != "comment" and not is_secretariat:
            raise NotFound(_("These minutes are not available."))
        try:
            if action == "comment" and request.user.is_authenticated and minutes is not None:
                comment_form = CommentForm(request.POST)
                if comment_form.is_valid():
                    services.minutes_comment(
                        actor=request.user, minutes=minutes, **comment_form.cleaned_data
                    )
                    messages.success(request, _("Your comment was recorded."))
                    return redirect("events:minutes", code=meeting.code)
                status = 400
            elif action == "save":
                draft_form = MinutesDraftForm(request.POST)
                if draft_form.is_valid():
                    data = draft_form.cleaned_data
                    if minutes is None:
                        services.minutes_draft(
                            actor=request.user, meeting=meeting, text=data["text"], language=_lang()
                        )
                    else:
                        services.minutes_revise(
                            actor=request.user,
                            minutes=minutes,
                            text=data["text"],
                            note=data["note"],
                            expected_version=data["version"],
                        )
                    messages.success(request, _("The minutes were saved."))
                    return redirect("events:minutes", code=meeting.code)
                status = 400
            elif action == "circulate" and minutes is not None:
                circulate_form = CirculateForm(request.POST)
                if circulate_form.is_valid():
                    deadline = circulate_form.cleaned_data["deadline"]
                    if timezone.is_naive(deadline):
                        deadline = deadline.replace(tzinfo=datetime.UTC)
                    services.minutes_circulate(
                        actor=request.user, minutes=minutes, deadline=deadline
                    )
                    messages.success(request, _("The minutes were circulated for comments."))
                    return redirect("events:minutes", code=meeting.code)
                status = 400
            elif action == "adopt" and minutes is not None:
                adopt_form = MinutesAdoptForm(request.POST)
                if not adopt_form.is_valid():
                    back = reverse("events:minutes", kwargs={"code": meeting.code})
                    return invalid_form_response(request, adopt_form, back)
                at_meeting = selectors.meeting_find(
                    user=request.user, code=adopt_form.cleaned_data["at_meeting"]
                )
                services.minutes_adopt(actor=request.user, minutes=minutes, at_meeting=at_meeting)
                messages.success(request, _("The minutes were adopted."))
                return redirect("events:minutes", code=meeting.code)
            elif action == "publish" and minutes is not None:
                services.minutes_publish(actor=request.user, minutes=minutes)
                messages.success(request, _("The minutes were published."))
                return redirect("events:minutes", code=meeting.code)
            else:
                status = 400
                messages.error(request, _("This step is not available now."))
        except DomainError as exc:
            status = _status_for(exc)
            target = {"comment": comment_form, "save": draft_form, "circulate": circulate_form}.get(
                action
            )
            if target is not None:
                add_errors(target, exc)
            else:
                messages.error(request, exc.message)
    comments = (
        list(minutes.comments.select_related("author", "institution").all()) if minutes else []
    )
    revisions = (
        list(minutes.revisions.select_related("created_by").all())
        if minutes and is_secretariat
        else []
    )
    later = selectors.later_meetings(meeting=meeting)
    return render(
        request,
        "events/minutes.html",
        {
            "meeting": meeting,
            "minutes": minutes,
            "comments": comments,
            "revisions": revisions,
            "may_comment": may_comment,
            "is_secretariat": is_secretariat,
            "draft_form": draft_form,
            "circulate_form": circulate_form,
            "comment_form": comment_form,
            "later_meetings": later,
            "hijri_deadline": hijri(minutes.comment_deadline)
            if minutes and minutes.comment_deadline and _lang() == "ar"
            else "",
        },
        status=status,
    )


# --- decision register ----------------------------------------------------------------------


@require_GET
def decision_register(request):
    bodies = [(b.code, translated(b, "name", _lang()) or b.code) for b in _bodies()]
    meetings = [
        (m.code, translated(m, "title", _lang()) or m.code)
        for m in selectors.meetings_with_decisions(user=request.user)
    ]
    years = selectors.decision_years()
    form = RegisterFilterForm(request.GET or None, bodies=bodies, meetings=meetings, years=years)
    filters = selectors.RegisterFilters()
    status = 200
    if request.GET:
        if form.is_valid():
            data = form.cleaned_data
            filters = selectors.RegisterFilters(
                body=data["body"] or None,
                meeting=data["meeting"] or None,
                year=data["year"],
                follow_up=data["follow_up"] or None,
            )
        else:
            status = 400
    today = timezone.localdate()
    qs = selectors.decision_register(user=request.user, filters=filters, today=today)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "events/register_page.html",
        {
            "form": form,
            "page": page,
            "decisions": list(page.object_list),
            "today": today,
            "is_secretariat": roles.is_secretariat(request.user),
            "own_institutions": roles.focal_institution_ids(request.user),
            "query": _query_without_page(request),
            "action_statuses": ActionStatus.choices,
        },
        status=status,
    )


@domain_pages
@login_required
@require_POST
def follow_up_status(request, pk: int):
    action = selectors.follow_up_get_for_user(user=request.user, pk=pk, action=Action.CHANGE)
    form = FollowUpStatusForm(request.POST)
    if not form.is_valid():
        return invalid_form_response(request, form, reverse("events:decisions"))
    target = form.cleaned_data["next"]
    if not target.startswith("/") or target.startswith("//"):
        target = reverse("events:decisions")
    try:
        services.follow_up_update(
            actor=request.user,
            action=action,
            status=form.cleaned_data["status"],
            expected_version=form.cleaned_data["version"],
        )
        messages.success(request, _("The follow-up action was updated."))
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect(target)
