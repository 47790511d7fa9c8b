"""Reads of capacity building: cycle dashboards, answers, activities, reports."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from smenet.common.errors import NotFound, PermissionDenied
from smenet.common.permissions import Action, get_for_user
from smenet.registry import roles
from smenet.registry.models import Institution
from smenet.registry.types import Viewer
from smenet.taxonomy.models import Subject
from smenet.taxonomy.selectors import subject_list

from .choices import NEEDS_REASON, TRANSITIONS, ActivityStatus, ResponseStatus
from .models import (
    Activity,
    ActivityType,
    Answer,
    Cycle,
    MatchingRun,
    Nomination,
    Proposal,
    Response,
)
from .querysets import PUBLIC_ACTIVITY_STATUSES

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

DONE = (ResponseStatus.SUBMITTED, ResponseStatus.SIGNED_OFF)


def cycle_list(*, user: Viewer) -> QuerySet[Cycle]:
    return Cycle.objects.visible_to(user).prefetch_related("translations").order_by("-opens_on")


def cycle_get_for_user(*, user: Viewer, code: str, action: str = Action.VIEW) -> Cycle:
    try:
        return (
            Cycle.objects.visible_to(user, action).prefetch_related("translations").get(code=code)
        )
    except Cycle.DoesNotExist:
        raise NotFound(_("Unknown cycle.")) from None


@dataclass
class HeatCell:
    subject: Subject
    needs: int = 0
    need_total: int = 0
    providers: int = 0
    capacity_total: int = 0

    @property
    def balance(self) -> int:
        return self.capacity_total - self.needs


@dataclass
class Dashboard:
    asked: int
    answered: int
    in_progress: int
    countries_asked: int
    countries_answered: int
    missing: list[Response]
    heat: list[HeatCell] = field(default_factory=list)
    reminders_sent: int = 0

    @property
    def rate(self) -> float:
        return round(100 * self.answered / self.asked, 1) if self.asked else 0.0

    @property
    def country_rate(self) -> float:
        return (
            round(100 * self.countries_answered / self.countries_asked, 1)
            if self.countries_asked
            else 0.0
        )


def cycle_dashboard(*, user: Viewer, cycle: Cycle) -> Dashboard:
    """Response rate (institutions and countries), who has not answered, needs × capacities."""
    if not roles.can_read_all(user):
        raise PermissionDenied(_("Only the Secretariat and the Bureau see the dashboard."))
    responses = list(
        cycle.responses.select_related("institution", "institution__country").prefetch_related(
            "institution__translations", "institution__country__translations"
        )
    )
    answered = [r for r in responses if r.status in DONE]
    heat = {s.pk: HeatCell(subject=s) for s in subject_list()}
    rows = (
        Answer.objects.filter(response__cycle=cycle, response__status__in=DONE)
        .values("subject_id")
        .annotate(
            needs=Count("id", filter=Q(need__gte=1)),
            need_total=Sum("need"),
            providers=Count("id", filter=Q(capacity_level__gte=1, max_activities__gte=1)),
            capacity_total=Sum("max_activities", filter=Q(capacity_level__gte=1)),
        )
    )
    for row in rows:
        cell = heat.get(row["subject_id"])
        if cell:
            cell.needs, cell.need_total = row["needs"], row["need_total"] or 0
            cell.providers, cell.capacity_total = row["providers"], row["capacity_total"] or 0
    return Dashboard(
        asked=len(responses),
        answered=len(answered),
        in_progress=sum(r.status == ResponseStatus.IN_PROGRESS for r in responses),
        countries_asked=len({r.institution.country_id for r in responses}),
        countries_answered=len({r.institution.country_id for r in answered}),
        missing=[r for r in responses if r.status not in DONE],
        heat=list(heat.values()),
        reminders_sent=cycle.reminders.count(),
    )


def response_get_for_user(
    *, user: Viewer, cycle: Cycle, institution_slug: str, action: str = Action.VIEW
) -> Response:
    return get_for_user(
        Response.objects.select_related("cycle", "institution").prefetch_related(
            Prefetch("answers", queryset=Answer.objects.select_related("subject"))
        ),
        user=user,
        action=action,
        cycle=cycle,
        institution__slug=institution_slug,
        not_found=_("This institution was not asked in this cycle."),
        refused=_("Only the institution's focal points answer its questionnaire."),
        code="not_your_institution",
    )


def responses_of_user(*, user: Viewer) -> QuerySet[Response]:
    return (
        Response.objects.visible_to(user)
        .select_related("cycle", "institution")
        .prefetch_related("cycle__translations")
        .order_by("-cycle__opens_on", "institution__acronym")
    )


def matching_runs(*, user: Viewer, cycle: Cycle) -> QuerySet[MatchingRun]:
    proposals = Proposal.objects.select_related(
        "provider", "beneficiary", "subject", "activity"
    ).prefetch_related("subject__translations")
    return (
        MatchingRun.objects.visible_to(user)
        .filter(cycle=cycle)
        .prefetch_related(Prefetch("proposals", queryset=proposals))
        .order_by("-created_at", "-pk")
    )


def matching_names(
    *, slugs: set[str], codes: set[str]
) -> tuple[dict[str, Institution], dict[str, Subject]]:
    """Institutions by slug and subjects by code, to name what a matching run refers to."""
    institutions = {
        i.slug: i
        for i in Institution.objects.filter(slug__in=slugs)
        .select_related("country")
        .prefetch_related("translations", "country__translations")
    }
    subjects = {
        s.code: s for s in Subject.objects.filter(code__in=codes).prefetch_related("translations")
    }
    return institutions, subjects


def proposal_get_for_user(*, user: Viewer, pk: int, action: str = Action.VIEW) -> Proposal:
    return get_for_user(
        Proposal.objects.select_related("run__cycle", "subject", "provider", "beneficiary"),
        user=user,
        action=action,
        pk=pk,
        not_found=_("Unknown proposal."),
        refused=_("Only the Secretariat may do this."),
        code="secretariat_only",
    )


def activity_type_find(*, code: str) -> ActivityType | None:
    return ActivityType.objects.filter(code=code).first() if code else None


def activity_list(
    *,
    user: Viewer,
    status: str | None = None,
    subject: str | None = None,
    cycle: str | None = None,
    country: str | None = None,
    public_only: bool = False,
) -> QuerySet[Activity]:
    qs = Activity.objects.visible_to(user)
    if public_only:
        qs = qs.public()
    if status:
        qs = qs.filter(status=status)
    if subject:
        qs = qs.filter(subject__code=subject)
    if cycle:
        qs = qs.filter(cycle__code=cycle)
    if country:
        qs = qs.filter(
            Q(providers__country__iso3=country.upper())
            | Q(beneficiaries__country__iso3=country.upper())
        ).distinct()
    return (
        qs.select_related("type", "subject", "cycle")
        .prefetch_related(
            "translations",
            "type__translations",
            "subject__translations",
            Prefetch("providers", queryset=Institution.objects.select_related("country")),
            Prefetch("beneficiaries", queryset=Institution.objects.select_related("country")),
        )
        .order_by("-starts_at", "reference")
    )


def activity_get_for_user(*, user: Viewer, reference: str, action: str = Action.VIEW) -> Activity:
    """An activity with what its page needs. ``CHANGE`` is acting on it as one of its sides
    (the services decide which side may do what) or as the Secretariat."""
    qs = Activity.objects.select_related("type", "subject", "cycle", "report").prefetch_related(
        "translations",
        "type__translations",
        "subject__translations",
        Prefetch(
            "providers",
            queryset=Institution.objects.select_related("country").prefetch_related(
                "country__translations"
            ),
        ),
        Prefetch(
            "beneficiaries",
            queryset=Institution.objects.select_related("country").prefetch_related(
                "country__translations"
            ),
        ),
        "transitions__actor",
        "confirmations",
        Prefetch(
            "nominations",
            queryset=Nomination.objects.select_related("institution", "evaluation"),
        ),
    )
    return get_for_user(
        qs,
        user=user,
        action=action,
        reference=reference,
        not_found=_("Unknown activity."),
        refused=_("You may not do this with this activity."),
    )


def nomination_list(*, user: Viewer, activity: Activity) -> list[Nomination]:
    """The participants of ``activity`` the user may see (uses the prefetched nominations)."""
    visible = set(
        Nomination.objects.visible_to(user).filter(activity=activity).values_list("pk", flat=True)
    )
    return [n for n in activity.nominations.all() if n.pk in visible]


def nomination_get_for_user(*, user: Viewer, pk: int, action: str = Action.VIEW) -> Nomination:
    """A nomination; ``CHANGE`` is confirming or declining it (its activity's providers and the
    Secretariat)."""
    return get_for_user(
        Nomination.objects.select_related("activity", "institution"),
        user=user,
        action=action,
        pk=pk,
        not_found=_("Unknown nomination."),
        refused=_("Only the provider or the Secretariat may do this."),
        code="provider_only",
    )


def nomination_for_evaluation(*, pk: int) -> Nomination | None:
    """The participant a signed evaluation link was made for: the signature is the key, no
    account is involved (see ``views.evaluation``)."""
    return (
        Nomination.objects.select_related("activity", "institution", "evaluation")
        .prefetch_related("activity__translations")
        .filter(pk=pk)
        .first()
    )


def activity_sees_unpublished(*, user: Viewer) -> bool:
    """Whether the user sees activities before they are public (officers, and focal points
    their own institutions' ones)."""
    return roles.can_read_all(user) or bool(roles.focal_institution_ids(user))


def activity_statuses_for(*, user: Viewer) -> list[tuple[str, StrOrPromise]]:
    """The statuses a user may filter the activity list by: the public ones, or all of them
    for people who also see activities that are not public yet."""
    if activity_sees_unpublished(user=user):
        return list(ActivityStatus.choices)
    return [(v, label) for v, label in ActivityStatus.choices if v in PUBLIC_ACTIVITY_STATUSES]


@dataclass(frozen=True)
class ActivityActions:
    """What the user may do on an activity's page (the ``PracticeActions`` pattern): one
    object the views and the template read, computed once from the roles and the status."""

    is_secretariat: bool
    manages: bool  # the Secretariat or a provider's focal point
    confirm: bool
    next_statuses: list[tuple[str, StrOrPromise]]
    schedule: bool
    needs_reason: bool
    nominate_for: list[Institution]
    record_attendance: bool
    report: bool
    certify: frozenset[int]


def activity_actions(
    *, user: Viewer, activity: Activity, nominations: list[Nomination]
) -> ActivityActions:

    own = roles.focal_institution_ids(user)
    is_sec = roles.is_secretariat(user)
    providers = {i.pk for i in activity.providers.all()}
    beneficiaries = list(activity.beneficiaries.all())
    manages = is_sec or bool(own & providers)
    confirmed = {c.institution_id for c in activity.confirmations.all()}
    sides = providers | {i.pk for i in beneficiaries}
    allowed = TRANSITIONS[activity.status]
    return ActivityActions(
        is_secretariat=is_sec,
        manages=manages,
        confirm=activity.status == ActivityStatus.PROPOSED and bool((own & sides) - confirmed),
        next_statuses=[(s, ActivityStatus(s).label) for s in ActivityStatus.values if s in allowed]
        if is_sec
        else [],
        schedule=is_sec and ActivityStatus.SCHEDULED in allowed,
        needs_reason=is_sec and bool(NEEDS_REASON & allowed),
        nominate_for=[i for i in beneficiaries if is_sec or i.pk in own]
        if activity.status == ActivityStatus.NOMINATIONS_OPEN
        else [],
        record_attendance=manages
        and activity.status in (ActivityStatus.NOMINATIONS_OPEN, ActivityStatus.DELIVERED),
        report=manages and activity.status == ActivityStatus.DELIVERED,
        certify=frozenset(
            n.pk for n in nominations if n.attended and (manages or n.institution_id in own)
        ),
    )


@dataclass
class ActivityReportData:
    by_subject: list[tuple[str, int]]
    by_type: list[tuple[str, int]]
    by_status: list[tuple[str, int]]
    by_cycle: list[tuple[str, int]]
    participants_by_gender: list[tuple[str, int]]
    balance: list[dict[str, Any]]
    total: int


def activity_report(*, user: Viewer, cycle: str | None = None) -> ActivityReportData:
    """Counts by subject, type, status and cycle; participants by gender; and per country the
    activities it provided against those it received."""
    activities = list(activity_list(user=user, cycle=cycle))
    by_subject = Counter(str(a.subject) for a in activities)
    by_type = Counter(str(a.type) for a in activities)
    by_status = Counter(str(a.get_status_display()) for a in activities)
    by_cycle = Counter(a.cycle.code if a.cycle else _("outside cycles") for a in activities)
    gender = Counter(
        Nomination.objects.filter(
            activity__in=[a.pk for a in activities], attended=True
        ).values_list("gender", flat=True)
    )
    from .choices import Gender

    balance: dict[str, dict[str, Any]] = defaultdict(lambda: {"provided": 0, "received": 0})
    for a in activities:
        if a.status == ActivityStatus.CANCELLED:
            continue
        for inst in a.providers.all():
            balance[inst.country.iso3 if inst.country else "INT"]["provided"] += 1
        for inst in a.beneficiaries.all():
            balance[inst.country.iso3 if inst.country else "INT"]["received"] += 1
    return ActivityReportData(
        by_subject=sorted(by_subject.items()),
        by_type=sorted(by_type.items()),
        by_status=sorted(by_status.items()),
        by_cycle=sorted(by_cycle.items()),
        participants_by_gender=[(str(Gender(g).label), n) for g, n in sorted(gender.items())],
        balance=[{"country": c, **v} for c, v in sorted(balance.items())],
        total=len(activities),
    )
