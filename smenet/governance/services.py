"""Writes of governance: bodies, positions, decisions and the mandates they create.

Rules enforced here, and again by the database for single-seat positions (see migration 0002):
no more holders at a time than the position has seats; a holder is a member in good standing;
a term defaults to the body's term length.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from smenet.common.errors import Conflict, DomainError
from smenet.common.services import attribute_history, validate
from smenet.common.translation import set_translations
from smenet.registry.models import Institution, Region
from smenet.registry.roles import require_secretariat
from smenet.registry.types import User

from .choices import VotingMethod
from .models import Body, Decision, Mandate, Position


def term_end(start: datetime.date, years: int | None) -> datetime.date | None:
    """A term of N years starting on D ends on the day before D's N-th anniversary:
    7 October 2025 + three years → 6 October 2028. A 29 February start ends on 28 February."""
    if not years:
        return None
    try:
        anniversary = start.replace(year=start.year + years)
    except ValueError:  # 29 February into a common year
        anniversary = start.replace(year=start.year + years, day=28) + datetime.timedelta(days=1)
    return anniversary - datetime.timedelta(days=1)


def body_create(
    *,
    actor: User | None,
    code: str,
    kind: str,
    names: Mapping[str, str],
    descriptions: Mapping[str, str] | None = None,
    term_years: int | None = None,
    established_on: datetime.date | None = None,
    order: int = 0,
) -> Body:
    require_secretariat(actor)
    body = Body(
        code=code, kind=kind, term_years=term_years, established_on=established_on, order=order
    )
    set_translations(body, {"name": names, "description": descriptions or {}})
    validate(body)
    with transaction.atomic():
        attribute_history(body, actor)
        body.save()
    return body


def position_create(
    *,
    actor: User | None,
    body: Body,
    code: str,
    kind: str,
    region: Region | None = None,
    seats: int = 1,
    order: int = 0,
    titles: Mapping[str, str] | None = None,
) -> Position:
    require_secretariat(actor)
    position = Position(body=body, code=code, kind=kind, region=region, seats=seats, order=order)
    set_translations(position, {"title": titles or {}})
    validate(position)
    position.save()
    return position


def _check_holder(holder: Institution) -> None:
    if not holder.in_good_standing:
        raise DomainError(
            _(
                "%(holder)s cannot hold a mandate: only member institutions in good standing "
                "can (its status is %(status)s)."
            )
            % {"holder": holder.acronym, "status": holder.get_membership_status_display()},
            code="holder_not_in_good_standing",
            field="holder",
        )


def _check_seats(
    position: Position,
    holder: Institution,
    start: datetime.date,
    end: datetime.date | None,
    exclude_pk: int | None = None,
) -> None:
    found = Mandate.objects.filter(position=position).overlapping(start, end)
    if exclude_pk:
        found = found.exclude(pk=exclude_pk)
    overlapping = list(found.select_related("holder"))
    if any(m.holder_id == holder.pk for m in overlapping):
        raise Conflict(
            _("%(holder)s already holds this position during that period.")
            % {"holder": holder.acronym},
            code="overlapping_mandate",
            field="start",
        )
    if len(overlapping) >= position.seats:
        raise Conflict(
            _(
                "The position %(position)s is already held by %(holders)s during that period; "
                "end that mandate first."
            )
            % {
                "position": position,
                "holders": ", ".join(sorted(m.holder.acronym for m in overlapping)),
            },
            code="overlapping_mandate",
            field="start",
        )


def mandate_validate(
    *,
    position: Position,
    holder: Institution,
    start: datetime.date,
    end: datetime.date | None,
    exclude_pk: int | None = None,
) -> datetime.date | None:
    """Check a prospective mandate against the rules; return its end date (the body's term
    when none is given). Used by ``mandate_create`` and by the back office's form."""
    if end is None:
        end = term_end(start, position.body.term_years)
    if end is not None and end < start:
        raise DomainError(_("The end date is before the start date."), field="end")
    _check_holder(holder)
    _check_seats(position, holder, start, end, exclude_pk=exclude_pk)
    return end


def mandate_create(
    *,
    actor: User | None,
    position: Position,
    holder: Institution,
    start: datetime.date,
    end: datetime.date | None = None,
    decision: Decision | None = None,
    person: Any = None,
    is_sample: bool = False,
) -> Mandate:
    require_secretariat(actor)
    with transaction.atomic():
        # Lock the position so that two concurrent elections cannot both pass the seat check.
        Position.objects.select_for_update().filter(pk=position.pk).first()
        end = mandate_validate(position=position, holder=holder, start=start, end=end)
        mandate = Mandate(
            position=position,
            holder=holder,
            start=start,
            end=end,
            decision=decision,
            person=person,
            exclusive=position.single_holder,
            is_sample=is_sample,
        )
        validate(mandate)
        attribute_history(mandate, actor)
        try:
            with transaction.atomic():
                mandate.save()
        except IntegrityError as exc:
            raise Conflict(
                _("Another mandate for this position overlaps that period."),
                code="overlapping_mandate",
                field="start",
            ) from exc
    return mandate


def mandate_end(
    *, actor: User | None, mandate: Mandate, end: datetime.date, reason: str = ""
) -> Mandate:
    """End a mandate early (resignation, suspension); the record stays in the history."""
    require_secretariat(actor)
    if end < mandate.start:
        raise DomainError(_("The end date is before the start date."), field="end")
    if mandate.end is not None and end > mandate.end:
        raise DomainError(
            _("A mandate can be ended early, not extended; record a new decision instead."),
            field="end",
        )
    with transaction.atomic():
        mandate.end = end
        mandate.ended_early_reason = reason
        attribute_history(mandate, actor)
        mandate.save(update_fields=["end", "ended_early_reason", "updated_at"])
    return mandate


@dataclass(frozen=True)
class Election:
    position: Position
    holder: Institution
    start: datetime.date | None = None
    end: datetime.date | None = None


def decision_record(
    *,
    actor: User | None,
    reference: str,
    body: Body,
    date: datetime.date,
    kind: str,
    voting: str,
    titles: Mapping[str, str],
    texts: Mapping[str, str] | None = None,
    votes_for: int | None = None,
    votes_against: int | None = None,
    abstentions: int | None = None,
    proposed_by: Institution | None = None,
    source_url: str = "",
    elections: Sequence[Election] = (),
    is_sample: bool = False,
) -> Decision:
    """Record a decision and create the mandates it elects, all or nothing."""
    require_secretariat(actor)
    if not any((v or "").strip() for v in titles.values()):
        raise DomainError(_("Give the title in at least one language."), field="titles")
    if voting == VotingMethod.VOTE and (votes_for is None or votes_against is None):
        raise DomainError(
            _("A decision taken by vote needs the votes for and against."), field="votes_for"
        )
    if voting != VotingMethod.VOTE and any(
        v is not None for v in (votes_for, votes_against, abstentions)
    ):
        raise DomainError(
            _("Vote counts are only recorded for a decision taken by vote."), field="votes_for"
        )
    with transaction.atomic():
        decision = Decision(
            reference=reference,
            body=body,
            date=date,
            kind=kind,
            voting=voting,
            votes_for=votes_for,
            votes_against=votes_against,
            abstentions=abstentions,
            proposed_by=proposed_by,
            source_url=source_url,
            is_sample=is_sample,
        )
        set_translations(decision, {"title": titles, "text": texts or {}})
        validate(decision)
        attribute_history(decision, actor)
        decision.save()
        for index, election in enumerate(elections):
            try:
                mandate_create(
                    actor=actor,
                    position=election.position,
                    holder=election.holder,
                    start=election.start or date,
                    end=election.end,
                    decision=decision,
                    is_sample=is_sample,
                )
            except DomainError as exc:
                exc.field = f"elections[{index}].{exc.field or 'holder'}"
                raise
    return decision
