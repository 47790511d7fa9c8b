"""Writes of capacity building: cycles and answers, matching runs, activities and participants."""

from __future__ import annotations

import datetime
import secrets
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import EllipsisType
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smenet.common import formatting, versioning
from smenet.common.errors import Conflict, DomainError, PermissionDenied, ValidationFailed
from smenet.common.languages import UNKNOWN_CODE, bad_language_codes
from smenet.common.services import attribute_history, validate
from smenet.common.translation import set_translations, translated
from smenet.registry import roles
from smenet.registry.models import Institution
from smenet.registry.roles import require_secretariat
from smenet.registry.types import User
from smenet.taxonomy.models import Subject

from . import matching, notifications
from .choices import (
    NEEDS_REASON,
    TRANSITIONS,
    ActivityStatus,
    CycleStatus,
    Format,
    NominationStatus,
    ProposalStatus,
    ResponseStatus,
)
from .models import (
    Activity,
    ActivityConfirmation,
    ActivityReport,
    ActivityTransition,
    ActivityType,
    Answer,
    Cycle,
    Evaluation,
    MatchingRun,
    Nomination,
    Proposal,
    Response,
)

FORMATS = set(Format.values)
REASON_ALREADY_SERVED = "already_served"


# --- cycles and answers ----------------------------------------------------------------------


def cycle_create(
    *,
    actor: User | None,
    code: str,
    titles: Mapping[str, str],
    opens_on: datetime.date,
    closes_on: datetime.date,
    institutions: Iterable[Institution],
    instructions: Mapping[str, str] | None = None,
    is_sample: bool = False,
) -> Cycle:
    """A cycle asks the given institutions; each gets an empty response to fill in."""
    require_secretariat(actor)
    if closes_on < opens_on:
        raise DomainError(_("The closing date is before the opening date."), field="closes_on")
    with transaction.atomic():
        cycle = Cycle(
            code=code,
            opens_on=opens_on,
            closes_on=closes_on,
            status=CycleStatus.OPEN,
            is_sample=is_sample,
        )
        set_translations(cycle, {"title": titles, "instructions": instructions or {}})
        validate(cycle)
        attribute_history(cycle, actor)
        cycle.save()
        Response.objects.bulk_create(
            [Response(cycle=cycle, institution=inst) for inst in institutions]
        )
    return cycle


def _is_locked(response: Response, today: datetime.date) -> bool:
    return not response.reopened and (
        today > response.cycle.closes_on or response.cycle.status == CycleStatus.CLOSED
    )


def _require_answerer(actor: User, response: Response) -> None:
    if roles.is_secretariat(actor):
        return
    if response.institution_id not in roles.focal_institution_ids(actor):
        raise PermissionDenied(
            _("Only the focal point of %(institution)s may answer for it.")
            % {"institution": response.institution.acronym},
            code="not_your_institution",
        )


def _clean_codes(values: Any, allowed: set[str] | None, field: str) -> list[str]:
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ValidationFailed({field: [_("Give a list of codes.")]})
    if allowed is not None:
        unknown = sorted(set(values) - allowed)
        if unknown:
            raise ValidationFailed({field: [_("Unknown value %(value)s.") % {"value": unknown[0]}]})
    return sorted(set(values))


def _clean_languages(values: Any, field: str) -> list[str]:
    codes = _clean_codes(values, None, field)
    bad = bad_language_codes(codes)
    if bad:
        raise ValidationFailed({field: [UNKNOWN_CODE % {"code": bad[0]}]})
    return codes


ANSWER_FIELDS = {
    "need",
    "desired_level",
    "preferred_formats",
    "capacity_level",
    "capacity_formats",
    "delivery_languages",
    "max_activities",
    "max_participants",
    "cost_sharing",
    "contact_expert",
}


def response_save(
    *,
    actor: User,
    response: Response,
    expected_version: int | None,
    answers: Mapping[str, Mapping[str, Any]] | None = None,
    languages: Sequence[str] | None = None,
    max_received: int | None | EllipsisType = ...,
    today: datetime.date | None = None,
) -> Response:
    """Save some answers (a partial save is fine); the rest stays as it was."""
    _require_answerer(actor, response)
    today = today or timezone.localdate()
    if _is_locked(response, today):
        raise DomainError(
            _("The deadline of this cycle has passed; ask the Secretariat to reopen your answers."),
            code="cycle_closed",
        )
    if response.status == ResponseStatus.SIGNED_OFF and not roles.is_secretariat(actor):
        raise DomainError(
            _("These answers are signed off; ask the Secretariat to reopen them."),
            code="signed_off",
        )
    subjects = {s.code: s for s in Subject.objects.filter(is_active=True)}
    errors: dict[str, list[str]] = {}
    cleaned: dict[str, dict[str, Any]] = {}
    for code, values in (answers or {}).items():
        prefix = f"answers.{code}"
        if code not in subjects:
            errors[prefix] = [_("Unknown subject %(code)s.") % {"code": code}]
            continue
        if not isinstance(values, Mapping):
            errors[prefix] = [_("Give an object of answers.")]
            continue
        unknown = sorted(set(values) - ANSWER_FIELDS)
        for name in unknown:
            errors[f"{prefix}.{name}"] = [_("Unknown field.")]
        row: dict[str, Any] = {}
        for name in ("need", "desired_level", "capacity_level"):
            if name in values:
                value = values[name]
                if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 3:
                    errors[f"{prefix}.{name}"] = [
                        _("Give a whole number from %(min)s to %(max)s.") % {"min": 0, "max": 3}
                    ]
                else:
                    row[name] = value
        for name in ("max_activities", "max_participants"):
            if name in values:
                value = values[name]
                if value is None and name == "max_participants":
                    row[name] = None
                elif isinstance(value, bool) or not isinstance(value, int) or value < 0:
                    errors[f"{prefix}.{name}"] = [_("Give a whole number of 0 or more.")]
                else:
                    row[name] = value
        for name in ("preferred_formats", "capacity_formats"):
            if name in values:
                try:
                    row[name] = _clean_codes(values[name], FORMATS, f"{prefix}.{name}")
                except ValidationFailed as exc:
                    errors.update(exc.errors)
        if "delivery_languages" in values:
            try:
                row["delivery_languages"] = _clean_languages(
                    values["delivery_languages"], f"{prefix}.delivery_languages"
                )
            except ValidationFailed as exc:
                errors.update(exc.errors)
        for name in ("cost_sharing", "contact_expert"):
            if name in values:
                if not isinstance(values[name], str) or len(values[name]) > 300:
                    errors[f"{prefix}.{name}"] = [_("Give a text of at most 300 characters.")]
                else:
                    row[name] = values[name].strip()
        cleaned[code] = row
    if languages is not None:
        try:
            languages = _clean_languages(list(languages), "languages")
        except ValidationFailed as exc:
            errors.update(exc.errors)
    if (
        max_received is not ...
        and max_received is not None
        and (
            isinstance(max_received, bool) or not isinstance(max_received, int) or max_received < 0
        )
    ):
        errors["max_received"] = [_("Give a whole number of 0 or more, or nothing for no limit.")]
    if errors:
        raise ValidationFailed(errors)

    with transaction.atomic():
        current = versioning.edit(
            response,
            actor=actor,
            expected_version=expected_version,
            queryset=Response.objects.select_related("cycle"),
        )
        existing = {a.subject.code: a for a in current.answers.select_related("subject")}
        for code, row in cleaned.items():
            answer = existing.get(code) or Answer(response=current, subject=subjects[code])
            for name, value in row.items():
                setattr(answer, name, value)
            validate(answer, exclude=["response"])
            answer.save()
        if languages is not None:
            current.languages = languages
        if max_received is not ...:
            current.max_received = max_received
        if current.status == ResponseStatus.NOT_STARTED:
            current.status = ResponseStatus.IN_PROGRESS
        current.save()
    return current


def response_submit(
    *, actor: User, response: Response, today: datetime.date | None = None
) -> Response:
    _require_answerer(actor, response)
    today = today or timezone.localdate()
    if _is_locked(response, today):
        raise DomainError(
            _("The deadline of this cycle has passed; ask the Secretariat to reopen your answers."),
            code="cycle_closed",
        )
    if response.status == ResponseStatus.SIGNED_OFF:
        raise DomainError(_("These answers are already signed off."), code="signed_off")
    answers = list(response.answers.all())
    if not answers:
        raise DomainError(_("Answer at least one subject before submitting."), code="empty")
    if not response.languages:
        raise DomainError(_("Give your working languages."), field="languages")
    errors = {
        f"answers.{a.subject.code}.delivery_languages": [
            _("Give the languages in which you can deliver.")
        ]
        for a in answers
        if a.capacity_level and not a.delivery_languages
    }
    if errors:
        raise ValidationFailed(errors, code="incomplete")
    with transaction.atomic():
        response, _previous = versioning.status_change(
            response,
            actor=actor,
            to=ResponseStatus.SUBMITTED,
            allowed_from=set(ResponseStatus.values) - {ResponseStatus.SIGNED_OFF},
            refuse=lambda _r: DomainError(
                _("These answers are already signed off."), code="signed_off"
            ),
        )
        response.submitted_at = timezone.now()
        response.submitted_by = actor if getattr(actor, "is_authenticated", False) else None
        response.save()
    return response


def response_sign_off(*, actor: User, response: Response) -> Response:
    """The head of institution (or its focal point) confirms the submitted answers."""
    _require_answerer(actor, response)
    if response.status != ResponseStatus.SUBMITTED:
        raise DomainError(_("Submit the answers before signing them off."), code="not_submitted")
    with transaction.atomic():
        response, _previous = versioning.status_change(
            response,
            actor=actor,
            to=ResponseStatus.SIGNED_OFF,
            allowed_from={ResponseStatus.SUBMITTED},
            refuse=lambda _r: DomainError(
                _("Submit the answers before signing them off."), code="not_submitted"
            ),
        )
        response.signed_off_at = timezone.now()
        response.signed_off_by = actor if getattr(actor, "is_authenticated", False) else None
        response.save()
    return response


def response_reopen(*, actor: User | None, response: Response) -> Response:
    require_secretariat(actor)
    with transaction.atomic():
        response = versioning.edit(response, actor=actor, expected_version=None)
        response.reopened = True
        response.status = ResponseStatus.IN_PROGRESS
        response.save()
    return response


def cycle_send_reminders(*, actor: User | None, cycle: Cycle) -> int:
    """Queue a reminder to every asked institution that has not submitted (after commit)."""
    require_secretariat(actor)
    pending = list(
        cycle.responses.filter(
            status__in=[ResponseStatus.NOT_STARTED, ResponseStatus.IN_PROGRESS]
        ).values_list("institution_id", flat=True)
    )
    if pending:
        notifications.cycle_reminders_after_commit(cycle=cycle, institution_ids=pending)
    return len(pending)


# --- matching --------------------------------------------------------------------------------


@dataclass(frozen=True)
class CycleCommitments:
    """What the cycle's live (not cancelled) activities already take: the needs they serve,
    the activities each provider gives per subject, and those each beneficiary receives.

    A new run starts from what is left, so it never proposes a served need again, and
    accepting a proposal re-checks against it (decision 0021)."""

    served: dict[tuple[str, str], str]  # (beneficiary slug, subject code) → activity reference
    provided: Counter[tuple[str, str]]  # (provider slug, subject code) → live activities
    received: Counter[str]  # beneficiary slug → live activities

    @classmethod
    def of(cls, cycle: Cycle) -> CycleCommitments:
        served: dict[tuple[str, str], str] = {}
        provided: Counter[tuple[str, str]] = Counter()
        received: Counter[str] = Counter()
        live = (
            Activity.objects.filter(cycle=cycle)
            .exclude(status=ActivityStatus.CANCELLED)
            .select_related("subject")
            .prefetch_related("providers", "beneficiaries")
            .order_by("created_at", "pk")
        )
        for activity in live:
            code = activity.subject.code
            for b in activity.beneficiaries.all():
                served.setdefault((b.slug, code), activity.reference)
                received[b.slug] += 1
            for p in activity.providers.all():
                provided[(p.slug, code)] += 1
        return cls(served=served, provided=provided, received=received)


def _cycle_input(
    *,
    cycle: Cycle,
    require_common_language: bool = True,
    allow_same_country: bool = False,
    commitments: CycleCommitments | None = None,
) -> tuple[dict[str, Any], set[str]]:
    taken = commitments or CycleCommitments.of(cycle)
    responses = (
        cycle.responses.filter(status__in=[ResponseStatus.SUBMITTED, ResponseStatus.SIGNED_OFF])
        .select_related("institution", "institution__country")
        .prefetch_related("answers__subject")
        .order_by("institution__slug")
    )
    subjects: set[str] = set()
    used_up: set[str] = set()  # subjects whose offered activities are all given already
    institutions = []
    for response in responses:
        needs, capacities = {}, {}
        slug = response.institution.slug
        for answer in response.answers.all():
            code = answer.subject.code
            if answer.need and (slug, code) not in taken.served:
                needs[code] = answer.need
                subjects.add(code)
            left = (answer.max_activities or 0) - taken.provided[(slug, code)]
            if answer.capacity_level and left > 0:
                capacities[code] = {"level": answer.capacity_level, "max_activities": left}
                subjects.add(code)
            elif answer.capacity_level and answer.max_activities:
                used_up.add(code)
        institution = response.institution
        entry: dict[str, Any] = {
            "id": slug,
            "country": institution.country.iso3 if institution.country else "INT",
            "languages": sorted(response.languages),
            "needs": needs,
            "capacities": capacities,
        }
        if response.max_received is not None:
            entry["max_received"] = max(0, response.max_received - taken.received[slug])
        institutions.append(entry)
    return {
        "subjects": sorted(subjects),
        "institutions": institutions,
        "options": {
            "require_common_language": require_common_language,
            "allow_same_country": allow_same_country,
        },
    }, used_up


def _already_served(cycle: Cycle, taken: CycleCommitments) -> list[dict[str, Any]]:
    """The submitted needs a live activity already serves, shaped like ``unmet_needs``."""
    answers = (
        Answer.objects.filter(
            response__cycle=cycle,
            response__status__in=[ResponseStatus.SUBMITTED, ResponseStatus.SIGNED_OFF],
            need__gte=1,
        )
        .select_related("response__institution", "subject")
        .order_by("subject__code", "response__institution__slug")
    )
    served = []
    for answer in answers:
        key = (answer.response.institution.slug, answer.subject.code)
        if key in taken.served:
            served.append(
                {
                    "beneficiary": key[0],
                    "subject": key[1],
                    "need": answer.need,
                    "reason": REASON_ALREADY_SERVED,
                    "activity": taken.served[key],
                }
            )
    return served


def matching_run_for_cycle(
    *,
    actor: User | None,
    cycle: Cycle,
    require_common_language: bool = True,
    allow_same_country: bool = False,
) -> MatchingRun:
    """Propose matches: run the engine on the cycle's answers and store the run for review."""
    require_secretariat(actor)
    taken = CycleCommitments.of(cycle)
    data, used_up = _cycle_input(
        cycle=cycle,
        require_common_language=require_common_language,
        allow_same_country=allow_same_country,
        commitments=taken,
    )
    output = matching.run(data)
    for unmet in output["unmet_needs"]:
        # The engine saw no provider because their offers are all given: say so.
        if unmet["reason"] == matching.REASON_NO_PROVIDER and unmet["subject"] in used_up:
            unmet["reason"] = matching.REASON_PROVIDER_CAPACITY_EXHAUSTED
    output["already_served"] = _already_served(cycle, taken)
    with transaction.atomic():
        run = MatchingRun.objects.create(
            cycle=cycle,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
            parameters=data["options"],
            input=data,
            output=output,
            total_score=output["total_score"],
        )
        by_slug = {
            i.slug: i
            for i in Institution.objects.filter(slug__in=[e["id"] for e in data["institutions"]])
        }
        subjects = {s.code: s for s in Subject.objects.filter(code__in=data["subjects"])}
        Proposal.objects.bulk_create(
            Proposal(
                run=run,
                provider=by_slug[a["provider"]],
                beneficiary=by_slug[a["beneficiary"]],
                subject=subjects[a["subject"]],
                score=a["score"],
            )
            for a in output["activities"]
        )
    return run


def proposal_decide(
    *,
    actor: User | None,
    proposal: Proposal,
    accept: bool,
    activity_type: ActivityType | None = None,
) -> Proposal:
    """Accept (creating a proposed activity) or reject a proposal of a matching run.

    Accepting is refused when a live activity of the cycle already serves the need, or when
    the provider has already given on this subject all the activities it offered: proposals
    of an older run may be stale. The cycle row is locked, so two accepts cannot both pass."""
    require_secretariat(actor)
    with transaction.atomic():
        # A run made for a cycle (the only runs with proposals to decide) has its cycle id.
        cycle = Cycle.objects.select_for_update().get(pk=proposal.run.cycle_id)  # type: ignore[misc]
        proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if proposal.status != ProposalStatus.PROPOSED:
            raise Conflict(_("This proposal was already decided."), code="already_decided")
        if accept:
            _check_still_open(cycle, proposal)
            activity = activity_create(
                actor=actor,
                type=activity_type or ActivityType.objects.order_by("order").first(),
                subject=proposal.subject,
                titles=_proposal_titles(proposal),
                providers=[proposal.provider],
                beneficiaries=[proposal.beneficiary],
                cycle=proposal.run.cycle,
            )
            proposal.activity = activity
            proposal.status = ProposalStatus.ACCEPTED
        else:
            proposal.status = ProposalStatus.REJECTED
        proposal.save(update_fields=["status", "activity"])
    return proposal


def _proposal_titles(proposal: Proposal) -> dict[str, str]:
    """The activity's title in each language of the site: the subject's name in that language
    and the two institutions, the arrow pointing the way the text reads."""
    from django.conf import settings
    from django.utils import translation

    titles = {}
    for lang, _name in settings.LANGUAGES:
        with translation.override(lang):
            titles[lang] = _("%(subject)s: %(provider)s → %(beneficiary)s") % {
                "subject": translated(proposal.subject, "name", lang),
                "provider": proposal.provider.acronym,
                "beneficiary": proposal.beneficiary.acronym,
            }
    return titles


def _check_still_open(cycle: Cycle, proposal: Proposal) -> None:
    taken = CycleCommitments.of(cycle)
    beneficiary, provider = proposal.beneficiary, proposal.provider
    code = proposal.subject.code
    served_by = taken.served.get((beneficiary.slug, code))
    if served_by:
        raise Conflict(
            _(
                "%(beneficiary)s already receives an activity on %(subject)s in this cycle "
                "(%(activity)s); cancel it first to accept another."
            )
            % {
                "beneficiary": beneficiary.acronym or beneficiary,
                "subject": translated(proposal.subject, "name"),
                "activity": served_by,
            },
            code="already_served",
        )
    offered = (
        Answer.objects.filter(
            response__cycle=cycle, response__institution=provider, subject=proposal.subject
        )
        .values_list("max_activities", flat=True)
        .first()
    )
    if offered is not None and taken.provided[(provider.slug, code)] >= offered:
        raise Conflict(
            _(
                "%(provider)s offered %(count)s activities on %(subject)s in this cycle and "
                "already gives them all."
            )
            % {
                "provider": provider.acronym or provider,
                "count": offered,
                "subject": translated(proposal.subject, "name"),
            },
            code="capacity_used",
        )


# --- activities ------------------------------------------------------------------------------


def _new_reference() -> str:
    today = timezone.localdate()
    return f"act-{today:%Y%m}-{secrets.token_hex(3)}"


def activity_create(
    *,
    actor: User | None,
    type: ActivityType,
    subject: Subject,
    titles: Mapping[str, str],
    providers: Sequence[Institution],
    beneficiaries: Sequence[Institution],
    descriptions: Mapping[str, str] | None = None,
    cycle: Cycle | None = None,
    is_sample: bool = False,
    **fields: Any,
) -> Activity:
    require_secretariat(actor)
    if not providers:
        raise DomainError(_("Name at least one provider."), field="providers")
    if not beneficiaries:
        raise DomainError(_("Name at least one beneficiary."), field="beneficiaries")
    overlap = {p.pk for p in providers} & {b.pk for b in beneficiaries}
    if overlap:
        raise DomainError(
            _("An institution cannot be both provider and beneficiary."), field="beneficiaries"
        )
    if "languages" in fields:
        fields["languages"] = _clean_languages(fields["languages"], "languages")
    with transaction.atomic():
        activity = Activity(
            reference=_new_reference(),
            type=type,
            subject=subject,
            cycle=cycle,
            is_sample=is_sample,
            **fields,
        )
        set_translations(activity, {"title": titles, "description": descriptions or {}})
        validate(activity)
        attribute_history(activity, actor)
        activity.save()
        activity.providers.set(providers)
        activity.beneficiaries.set(beneficiaries)
    return activity


def _side_of(actor: User, activity: Activity) -> set[int]:
    own = roles.focal_institution_ids(actor)
    sides = {i.pk for i in activity.providers.all()} | {i.pk for i in activity.beneficiaries.all()}
    return own & sides


def activity_confirm(*, actor: User, activity: Activity) -> Activity:
    """A provider or beneficiary confirms; when every side has, the activity is agreed."""
    sides = _side_of(actor, activity)
    if not sides:
        raise PermissionDenied(
            _("Only a provider's or beneficiary's focal point can confirm."), code="not_a_side"
        )
    if activity.status != ActivityStatus.PROPOSED:
        raise DomainError(
            _("Only a proposed activity can be confirmed (it is %(status)s).")
            % {"status": activity.get_status_display()},
            code="illegal_transition",
        )
    with transaction.atomic():
        activity = versioning.lock(activity)  # sides confirming at once: the last one agrees it
        if activity.status != ActivityStatus.PROPOSED:
            raise DomainError(
                _("Only a proposed activity can be confirmed (it is %(status)s).")
                % {"status": activity.get_status_display()},
                code="illegal_transition",
            )
        for inst in sides:
            ActivityConfirmation.objects.get_or_create(
                activity=activity, institution_id=inst, defaults={"confirmed_by": actor}
            )
        everyone = {i.pk for i in activity.providers.all()} | {
            i.pk for i in activity.beneficiaries.all()
        }
        confirmed = set(activity.confirmations.values_list("institution_id", flat=True))
        if everyone <= confirmed:
            activity = _move(activity, ActivityStatus.AGREED, actor=actor, reason="")
    return activity


def _move(
    activity: Activity,
    to: str,
    *,
    actor: User | None,
    reason: str,
    expected_version: int | None = None,
    schedule: Mapping[str, Any] | None = None,
) -> Activity:
    """One step of the lifecycle on the locked activity, logged as a transition."""

    def refuse(current: Activity) -> DomainError:
        return DomainError(
            _("An activity that is %(current)s cannot become %(target)s.")
            % {"current": current.get_status_display(), "target": ActivityStatus(to).label},
            code="illegal_transition",
            field="status",
        )

    with transaction.atomic():
        current, previous = versioning.status_change(
            activity,
            actor=actor,
            to=to,
            allowed_from={s for s, targets in TRANSITIONS.items() if to in targets},
            expected_version=expected_version,
            refuse=refuse,
        )
        current.status_reason = reason
        if schedule is not None:
            for name, value in schedule.items():
                setattr(current, name, value)
            if not current.starts_at:
                raise DomainError(_("Give the dates to schedule the activity."), field="starts_at")
            validate(current)
        current.save()
        ActivityTransition.objects.create(
            activity=current,
            from_status=previous,
            to_status=to,
            actor=actor if getattr(actor, "is_authenticated", False) else None,
            reason=reason,
        )
    return current


def _require_ended(activity: Activity) -> None:
    """Delivered, reported and closed describe the past: not before the activity's last day
    (in its own time zone). Decision 0021."""
    last = activity.last_day
    if last is None:
        raise DomainError(
            _("Schedule the activity before marking it delivered."),
            code="not_scheduled",
            field="status",
        )
    if activity.today() < last:
        raise DomainError(
            _("The activity ends on %(date)s: it can be marked delivered from that day on.")
            % {"date": formatting.date(last)},
            code="not_yet",
            field="status",
        )


def activity_transition(
    *,
    actor: User | None,
    activity: Activity,
    to: str,
    reason: str = "",
    expected_version: int | None = None,
    **schedule: Any,
) -> Activity:
    """Move an activity along its lifecycle; illegal moves are refused with a clear message."""
    require_secretariat(actor)
    if to not in ActivityStatus.values:
        raise DomainError(_("Unknown status %(status)s.") % {"status": to}, field="status")
    if to in NEEDS_REASON and not reason.strip():
        raise DomainError(_("Give the reason."), field="reason")
    if to in (
        ActivityStatus.DELIVERED,
        ActivityStatus.REPORTED,
        ActivityStatus.CLOSED,
    ) and to in TRANSITIONS.get(activity.status, ()):
        _require_ended(activity)  # an illegal move is refused as such by _move
    with transaction.atomic():
        if (
            to == ActivityStatus.REPORTED
            and not ActivityReport.objects.filter(activity=activity).exists()
        ):
            raise DomainError(_("Write the report first."), code="no_report")
        fields = ("starts_at", "ends_at", "time_zone", "venue", "online_link", "format")
        return _move(
            activity,
            to,
            actor=actor,
            reason=reason.strip(),
            expected_version=expected_version,
            schedule=(
                {n: schedule[n] for n in fields if n in schedule}
                if to == ActivityStatus.SCHEDULED
                else None
            ),
        )


def nomination_create(
    *,
    actor: User,
    activity: Activity,
    institution: Institution,
    full_name: str,
    gender: str,
    email: str,
    position: str = "",
) -> Nomination:
    """A beneficiary's focal point nominates a participant, within the activity's quota."""
    if not (roles.is_secretariat(actor) or institution.pk in roles.focal_institution_ids(actor)):
        raise PermissionDenied(
            _("Only the focal point of %(institution)s may nominate its participants.")
            % {"institution": institution.acronym},
            code="not_your_institution",
        )
    if not activity.beneficiaries.filter(pk=institution.pk).exists():
        raise DomainError(
            _("%(institution)s is not a beneficiary of this activity.")
            % {"institution": institution.acronym},
            field="institution",
        )
    if activity.status != ActivityStatus.NOMINATIONS_OPEN:
        raise DomainError(_("Nominations are not open for this activity."), code="closed")
    with transaction.atomic():
        Activity.objects.select_for_update().filter(pk=activity.pk).first()
        taken = (
            activity.nominations.filter(institution=institution)
            .exclude(status=NominationStatus.DECLINED)
            .count()
        )
        if taken >= activity.participants_per_beneficiary:
            raise Conflict(
                _("%(institution)s has used its %(quota)s places.")
                % {
                    "institution": institution.acronym,
                    "quota": activity.participants_per_beneficiary,
                },
                code="quota_full",
            )
        nomination = Nomination(
            activity=activity,
            institution=institution,
            full_name=full_name.strip(),
            gender=gender,
            email=email.strip().lower(),
            position=position.strip(),
            nominated_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        if activity.nominations.filter(email=nomination.email).exists():
            raise Conflict(_("This person is already nominated."), code="duplicate", field="email")
        validate(nomination)
        nomination.save()
    return nomination


def activity_require_organiser(*, actor: User | None, activity: Activity) -> None:
    """Refuse anyone but the Secretariat and the activity's provider (for other apps acting
    on an activity, e.g. the expert roster naming its experts); ``actor=None`` is the system."""
    if actor is not None:
        _require_provider_or_secretariat(actor, activity)


def _require_provider_or_secretariat(actor: User | None, activity: Activity) -> None:
    if roles.is_secretariat(actor):
        return
    providers = {i.pk for i in activity.providers.all()}
    if not providers & roles.focal_institution_ids(actor):
        raise PermissionDenied(
            _("Only the provider or the Secretariat may do this."), code="provider_only"
        )


def nomination_decide(*, actor: User, nomination: Nomination, confirm: bool) -> Nomination:
    _require_provider_or_secretariat(actor, nomination.activity)
    nomination.status = NominationStatus.CONFIRMED if confirm else NominationStatus.DECLINED
    nomination.save(update_fields=["status", "updated_at"])
    return nomination


def attendance_record(
    *, actor: User, activity: Activity, attended: Mapping[int, bool]
) -> list[Nomination]:
    _require_provider_or_secretariat(actor, activity)
    if activity.status not in (ActivityStatus.NOMINATIONS_OPEN, ActivityStatus.DELIVERED):
        raise DomainError(_("Attendance is recorded when the activity takes place."))
    first = activity.first_day
    if first is None or activity.today() < first:
        raise DomainError(
            _("The activity starts on %(date)s: attendance is recorded from that day on.")
            % {"date": formatting.date(first)},
            code="not_yet",
            field="attended",
        )
    nominations = {n.pk: n for n in activity.nominations.filter(pk__in=list(attended))}
    unknown = sorted(set(attended) - set(nominations))
    if unknown:
        raise DomainError(_("Unknown participant %(id)s.") % {"id": unknown[0]}, field="attended")
    with transaction.atomic():
        for pk, present in attended.items():
            nominations[pk].attended = bool(present)
            nominations[pk].save(update_fields=["attended", "updated_at"])
    return list(nominations.values())


def evaluation_submit(
    *, nomination: Nomination, relevance: int, quality: int, usefulness: int, comments: str = ""
) -> Evaluation:
    """A participant's evaluation (reached through the signed link sent to the participant)."""
    if nomination.attended is not True:
        raise DomainError(_("Only participants who attended can evaluate."), code="not_attended")
    if Evaluation.objects.filter(nomination=nomination).exists():
        raise Conflict(_("This evaluation was already submitted."), code="duplicate")
    evaluation = Evaluation(
        nomination=nomination,
        relevance=relevance,
        quality=quality,
        usefulness=usefulness,
        comments=comments.strip(),
    )
    validate(evaluation)
    evaluation.save()
    return evaluation


def activity_report_submit(
    *, actor: User, activity: Activity, outputs: str, language: str = "en"
) -> ActivityReport:
    _require_provider_or_secretariat(actor, activity)
    if activity.status != ActivityStatus.DELIVERED:
        raise DomainError(_("Report on an activity once it is delivered."), code="not_delivered")
    if not outputs.strip():
        raise DomainError(_("Describe the outputs."), field="outputs")
    report, _created = ActivityReport.objects.update_or_create(
        activity=activity,
        defaults={
            "outputs": outputs.strip(),
            "language": language,
            "submitted_by": actor if getattr(actor, "is_authenticated", False) else None,
        },
    )
    return report
