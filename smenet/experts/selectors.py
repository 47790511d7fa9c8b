"""Reads of the expert roster. Every read goes through ``visible_to``; what is shown of an
expert goes through ``expert_card`` (only the consented parts, unless the viewer keeps the
profile)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Avg, Count, F, FloatField, Prefetch, Q, QuerySet
from django.db.models.functions import Cast
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from smenet.common.errors import ValidationFailed
from smenet.common.permissions import Action, get_for_user
from smenet.registry import roles
from smenet.registry.models import Country
from smenet.registry.types import Viewer
from smenet.taxonomy.subjects import is_subject, subject_label

from .choices import Listing, Vetting
from .models import ActivityExpert, Expert
from .querysets import ExpertQuerySet

if TYPE_CHECKING:
    from smenet.capacity.models import Activity
    from smenet.registry.models import Institution


def _keeps(user: Viewer, expert: Expert) -> bool:
    """Whoever keeps the profile sees all of it: the Secretariat, the expert's institution's
    focal points, the expert."""
    if roles.is_secretariat(user):
        return True
    if user.is_authenticated and expert.user_id == user.pk:
        return True
    return (
        expert.institution_id is not None
        and expert.institution_id in roles.focal_institution_ids(user)
    )


def _evaluation_score() -> Any:
    base = "activity_links__activity__nominations__evaluation__"
    return Avg(
        (
            Cast(F(f"{base}relevance"), FloatField())
            + Cast(F(f"{base}quality"), FloatField())
            + Cast(F(f"{base}usefulness"), FloatField())
        )
        / 3.0
    )


def check_filters(raw: dict[str, Any]) -> dict[str, str]:
    errors: dict[str, list[str]] = {}
    subject = (raw.get("subject") or "").strip()
    if subject and not is_subject(subject):
        errors["subject"] = [_("Unknown subject %(code)s.") % {"code": subject}]
    language = (raw.get("language") or "").strip().lower()
    if language and not (len(language) == 2 and language.isascii() and language.isalpha()):
        errors["language"] = [
            _("%(code)s is not an ISO 639-1 language code (two letters, such as ar).")
            % {"code": language}
        ]
    country = (raw.get("country") or "").strip().upper()
    if country and not Country.objects.filter(iso3=country).exists():
        errors["country"] = [
            _("Unknown country %(code)s (use ISO alpha-3, such as AZE).") % {"code": country}
        ]
    if errors:
        raise ValidationFailed(errors)
    return {
        "subject": subject,
        "language": language,
        "country": country,
        "q": (raw.get("q") or "").strip(),
    }


def expert_list(
    *, user: Viewer, subject: str = "", language: str = "", country: str = "", q: str = ""
) -> ExpertQuerySet:
    """Experts ``user`` may see, found by subject, language and country of experience. For
    viewers who do not keep a profile, a language or country filter only matches the experts
    who agreed to show their languages or countries (a filter must not reveal a hidden part)."""
    qs = Expert.objects.visible_to(user, Action.VIEW)
    keeper = roles.is_secretariat(user)
    own = Q(pk__in=[])
    if not keeper:
        if roles.focal_institution_ids(user):
            own |= Q(institution_id__in=roles.focal_institution_ids(user))
        if user.is_authenticated:
            own |= Q(user_id=user.pk)
    if subject:
        qs = qs.filter(subjects__code=subject)
    if language:
        match = Q(language_rows__code=language)
        qs = qs.filter(match if keeper else match & (Q(show_languages=True) | own))
    if country:
        match = Q(countries__iso3=country)
        qs = qs.filter(match if keeper else match & (Q(show_countries=True) | own))
    if q:
        qs = qs.filter(full_name__icontains=q)
    return (
        qs.distinct()
        .select_related("institution", "institution__country")
        .prefetch_related(
            "subjects",
            "language_rows",
            "countries__translations",
            "institution__translations",
            "institution__country__translations",
        )
        .annotate(
            activity_count=Count("activity_links", distinct=True),
            evaluation=_evaluation_score(),
        )
        .order_by("full_name", "id")
    )


def expert_get_for_user(*, user: Viewer, pk: int, action: str = Action.VIEW) -> Expert:
    return get_for_user(
        Expert.objects.select_related("institution", "institution__country").prefetch_related(
            "subjects", "language_rows", "countries__translations", "institution__translations"
        ),
        user=user,
        action=action,
        pk=pk,
        not_found=_("Unknown expert."),
        refused=_("You may not change this expert's profile."),
        code="not_your_expert",
    )


@dataclass(frozen=True)
class PastActivity:
    reference: str
    title: str
    url: str
    role: str
    starts_at: Any
    status: str
    evaluation: float | None


@dataclass
class ExpertCard:
    """What ``viewer`` may see of one expert: the consented parts only (all of them for the
    profile's keepers). Templates and the API read this, never the model."""

    id: int
    full_name: str
    url: str
    subjects: list[tuple[str, str, int]]
    keeper: bool
    institution: Any = None
    languages: list[str] = field(default_factory=list)
    countries: list[Any] = field(default_factory=list)
    summary: str = ""
    summary_language: str = ""
    email: str = ""
    phone: str = ""
    cv_url: str = ""
    availability: str = ""
    availability_label: str = ""
    availability_note: str = ""
    vetting: str = ""
    vetting_label: str = ""
    listing: str = ""
    listing_label: str = ""
    consent_withdrawn: bool = False
    is_sample: bool = False
    activity_count: int | None = None
    evaluation: float | None = None
    shown: tuple[str, ...] = ()


def expert_card(*, user: Viewer, expert: Expert) -> ExpertCard:
    from django.urls import reverse

    keeper = _keeps(user, expert)
    lang = (get_language() or "en").split("-")[0]
    shows = (lambda part: True) if keeper else expert.shows
    card = ExpertCard(
        id=expert.pk,
        full_name=expert.full_name,
        url=expert.get_absolute_url(),
        subjects=[(s.code, subject_label(s.code, lang), s.level) for s in expert.subjects.all()],
        keeper=keeper,
        is_sample=expert.is_sample,
        activity_count=getattr(expert, "activity_count", None),
        evaluation=getattr(expert, "evaluation", None),
        shown=tuple(
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
            if shows(p)
        ),
    )
    if shows("institution"):
        card.institution = expert.institution
    if shows("languages"):
        card.languages = sorted(r.code for r in expert.language_rows.all())
    if shows("countries"):
        card.countries = sorted(expert.countries.all(), key=lambda c: c.iso3)
    if shows("summary"):
        card.summary, card.summary_language = expert.summary, expert.summary_language
    if shows("contact"):
        card.email, card.phone = expert.email, expert.phone
    if shows("cv") and expert.cv:
        card.cv_url = reverse("experts:cv", kwargs={"pk": expert.pk})
    if shows("availability"):
        card.availability = expert.availability
        card.availability_label = str(expert.get_availability_display())
        card.availability_note = expert.availability_note
    if keeper or roles.can_read_all(user):
        card.vetting, card.vetting_label = expert.vetting, str(expert.get_vetting_display())
        card.listing, card.listing_label = expert.listing, str(expert.get_listing_display())
        card.consent_withdrawn = expert.consent_withdrawn_at is not None
    return card


def expert_cv_for_user(*, user: Viewer, pk: int) -> Any:
    """The CV file, to whoever may see the expert and the CV (consented, or a keeper)."""
    from smenet.common.errors import NotFound

    expert = expert_get_for_user(user=user, pk=pk)
    if not expert.cv or not (_keeps(user, expert) or expert.show_cv):
        raise NotFound(_("This expert has no CV to show."))
    return expert.cv


def expert_activities(*, user: Viewer, expert: Expert) -> list[PastActivity]:
    """The capacity-building activities the expert was named for that ``user`` may see, newest
    first, each with its average participant evaluation (1–5)."""
    from smenet.capacity.models import Activity
    from smenet.common.translation import translated

    visible = Activity.objects.visible_to(user, Action.VIEW).values("pk")
    links = (
        ActivityExpert.objects.filter(expert=expert, activity__in=visible)
        .select_related("activity")
        .prefetch_related("activity__translations")
        .annotate(
            score=Avg(
                (
                    Cast(F("activity__nominations__evaluation__relevance"), FloatField())
                    + Cast(F("activity__nominations__evaluation__quality"), FloatField())
                    + Cast(F("activity__nominations__evaluation__usefulness"), FloatField())
                )
                / 3.0
            )
        )
        .order_by(F("activity__starts_at").desc(nulls_last=True), "activity__reference")
    )
    return [
        PastActivity(
            reference=link.activity.reference,
            title=translated(link.activity, "title") or link.activity.reference,
            url=link.activity.get_absolute_url(),
            role=str(link.get_role_display()),
            starts_at=link.activity.starts_at,
            status=str(link.activity.get_status_display()),
            evaluation=link.score,
        )
        for link in links
    ]


def activity_expert_cards(*, user: Viewer, activity: Activity) -> list[tuple[ExpertCard, str]]:
    """The experts named for an activity that ``user`` may see, with their role."""
    visible = Expert.objects.visible_to(user, Action.VIEW).values("pk")
    links = (
        ActivityExpert.objects.filter(activity=activity, expert__in=visible)
        .select_related("expert", "expert__institution")
        .prefetch_related(
            Prefetch("expert__subjects"),
            "expert__language_rows",
            "expert__countries__translations",
            "expert__institution__translations",
        )
    )
    return [
        (expert_card(user=user, expert=link.expert), str(link.get_role_display())) for link in links
    ]


def activity_named_roles(*, activity: Any) -> dict[int, str]:
    """``{expert id: role}`` of the experts an activity names (the organiser's form)."""
    return dict(ActivityExpert.objects.filter(activity=activity).values_list("expert_id", "role"))


def experts_by_ids(ids: Any) -> QuerySet[Expert]:
    """Experts already named for an activity: kept on its form even when no longer listed
    (their link is the activity's record, not a listing)."""
    return Expert.objects.filter(pk__in=list(ids))


def countries_by_codes(codes: list[str]) -> list[Country]:
    """The countries with these ISO alpha-3 codes; an unknown code is a 400 naming it."""
    wanted = [c.strip().upper() for c in codes]
    found = list(Country.objects.filter(iso3__in=wanted))
    unknown = sorted(set(wanted) - {c.iso3 for c in found})
    if unknown:
        raise ValidationFailed(
            {"countries": [_("Unknown country %(code)s.") % {"code": c} for c in unknown]}
        )
    return found


def nameable_experts(*, user: Viewer) -> QuerySet[Expert]:
    """Experts an organiser may name for an activity: vetted and listed (consent given)."""
    return (
        Expert.objects.visible_to(user, Action.VIEW)
        .filter(vetting=Vetting.VETTED, consent_given_at__isnull=False)
        .filter(consent_withdrawn_at__isnull=True)
        .exclude(listing=Listing.NONE)
        .order_by("full_name", "id")
    )


def expert_may_change(*, user: Viewer, expert: Expert) -> bool:
    return Expert.objects.visible_to(user, Action.CHANGE).filter(pk=expert.pk).exists()


def expert_keeper_institutions(*, user: Viewer) -> QuerySet[Institution]:
    """The institutions ``user`` may propose experts for: all for the Secretariat, their own
    for a focal point; anyone else none (403)."""
    from smenet.common.errors import PermissionDenied
    from smenet.registry.models import Institution

    qs = Institution.objects.with_translations()
    if roles.is_secretariat(user):
        return qs.order_by("acronym")
    own = roles.focal_institution_ids(user)
    if not own:
        raise PermissionDenied(
            _("Only the Secretariat and the focal points of member institutions propose experts."),
            code="not_a_focal_point",
        )
    return qs.filter(pk__in=own).order_by("acronym")


@dataclass(frozen=True)
class ExpertActions:
    change: bool = False
    vet: bool = False
    consent: bool = False


def expert_actions(*, user: Viewer, expert: Expert) -> ExpertActions:
    if not user.is_authenticated:
        return ExpertActions()
    secretariat = roles.is_secretariat(user)
    is_self = expert.user_id == user.pk
    return ExpertActions(
        change=expert_may_change(user=user, expert=expert),
        vet=secretariat,
        consent=secretariat or is_self,
    )


def countries() -> QuerySet[Country]:
    return Country.objects.with_translations().order_by("iso3")
