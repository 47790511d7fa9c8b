"""Reads of capacity building: cycle dashboards, answers, activities, reports."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from smenet.common.errors import NotFound, PermissionDenied
from smenet.common.permissions import Action, get_for_user
from smenet.registry import roles
from smenet.registry.models import Institution
from smenet.taxonomy.models import Subject
from smenet.taxonomy.selectors import subject_list

from .choices import ActivityStatus, NominationStatus, ResponseStatus
from .models import Activity, Answer, Cycle, MatchingRun, Nomination, Proposal, Response

DONE = (ResponseStatus.SUBMITTED, ResponseStatus.SIGNED_OFF)


def cycle_list(*, user: Any) -> QuerySet[Cycle]:
    return Cycle.objects.visible_to(user).prefetch_related("translations").order_by("-opens_on")


def cycle_get_for_user(*, user: Any, code: str, action: str = Action.VIEW) -> Cycle:
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


def cycle_dashboard(*, user: Any, cycle: Cycle) -> Dashboard:
    """Response rate (institutions and countries), who has not answered, needs × capacities."""
    if not roles.can_read_all(user):
        raise PermissionDenied(_("Only the Secretariat and the Bureau see the dashboard."))
    responses = list(
        cycle.responses.select_related("institution", "institution__country").prefetch_related(
            "institution__translations"
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
    *, user: Any, cycle: Cycle, institution_slug: str, action: str = Action.VIEW
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


def responses_of_user(*, user: Any) -> QuerySet[Response]:
    return (
        Response.objects.visible_to(user)
        .select_related("cycle", "institution")
        .prefetch_related("cycle__translations")
        .order_by("-cycle__opens_on", "institution__acronym")
    )


def matching_runs(*, cycle: Cycle) -> QuerySet[MatchingRun]:
    proposals = Proposal.objects.select_related(
        "provider", "beneficiary", "subject", "activity"
    ).prefetch_related("subject__translations")
    return cycle.matching_runs.prefetch_related(Prefetch("proposals", queryset=proposals)).order_by(
        "-created_at", "-pk"
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


def activity_list(
    *,
    user: Any,
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


def activity_get_for_user(*, user: Any, reference: str) -> Activity:
    qs = activity_list(user=user)
    try:
        return (
            qs.prefetch_related(
                "transitions__actor",
                "confirmations",
                Prefetch(
                    "nominations",
                    queryset=Nomination.objects.select_related("institution", "evaluation"),
                ),
            )
            .select_related("report")
            .get(reference=reference)
        )
    except Activity.DoesNotExist:
        raise NotFound(_("Unknown activity.")) from None


@dataclass
class ActivityReportData:
    by_subject: list[tuple[str, int]]
    by_type: list[tuple[str, int]]
    by_status: list[tuple[str, int]]
    by_cycle: list[tuple[str, int]]
    participants_by_gender: list[tuple[str, int]]
    balance: list[dict[str, Any]]
    total: int


def activity_report(*, user: Any, cycle: str | None = None) -> ActivityReportData:
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


def confirmed_participants(activity: Activity) -> QuerySet[Nomination]:
    return activity.nominations.filter(attended=True).exclude(status=NominationStatus.DECLINED)
