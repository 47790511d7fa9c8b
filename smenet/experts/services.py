"""Writes of the expert roster: profiles, vetting, consent, and naming experts for activities.

The Secretariat keeps the roster and vets experts; a focal point proposes and keeps its own
institution's experts; an expert with an account keeps their own profile and, alone with the
Secretariat (recording a consent received in writing), gives or withdraws consent.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smenet.common import versioning
from smenet.common.errors import Conflict, PermissionDenied, ValidationFailed
from smenet.common.services import attribute_history, validate
from smenet.registry import roles
from smenet.registry.models import Country, Institution
from smenet.registry.roles import require_secretariat
from smenet.registry.types import User
from smenet.taxonomy.subjects import is_subject

from .choices import ExpertRole, Listing, Vetting
from .models import (
    CONSENT_FIELDS,
    PERSONAL_FIELDS,
    ActivityExpert,
    Expert,
    ExpertLanguage,
    ExpertSubject,
)

if TYPE_CHECKING:
    from smenet.capacity.models import Activity

FIELDS = (
    "full_name",
    "institution",
    "email",
    "phone",
    "summary",
    "summary_language",
    "cv",
    "availability",
    "availability_note",
    "user",
    "is_sample",
)


def _is_self(actor: User | None, expert: Expert) -> bool:
    return actor is not None and actor.is_authenticated and expert.user_id == actor.pk


def _require_keeper(
    actor: User | None, expert: Expert | None, institution: Institution | None
) -> None:
    """The Secretariat, the system, a focal point of the institution, or the expert."""
    if actor is None or roles.is_secretariat(actor):
        return
    if expert is not None and _is_self(actor, expert):
        return
    if institution is not None and institution.pk in roles.focal_institution_ids(actor):
        return
    raise PermissionDenied(
        _("Only the Secretariat, the expert's institution and the expert keep this profile."),
        code="not_your_expert",
    )


def _clean_subjects(subjects: Mapping[str, int] | None) -> dict[str, int] | None:
    if subjects is None:
        return None
    errors: list[str] = []
    out: dict[str, int] = {}
    for code, level in subjects.items():
        if not is_subject(code):
            errors.append(_("Unknown subject %(code)s.") % {"code": code})
            continue
        try:
            level = int(level)
        except (TypeError, ValueError):
            level = 0
        if not 1 <= level <= 3:
            errors.append(_("The level of %(code)s must be 1, 2 or 3.") % {"code": code})
            continue
        out[code] = level
    if errors:
        raise ValidationFailed({"subjects": errors})
    return out


def _clean_languages(languages: Iterable[str] | None) -> list[str] | None:
    if languages is None:
        return None
    out: list[str] = []
    for code in languages:
        code = (code or "").strip().lower()
        if len(code) != 2 or not code.isascii() or not code.isalpha():
            raise ValidationFailed(
                {
                    "languages": [
                        _("%(code)s is not an ISO 639-1 language code (two letters, such as ar).")
                        % {"code": code or "—"}
                    ]
                }
            )
        if code not in out:
            out.append(code)
    return out


def _set_subjects(expert: Expert, subjects: Mapping[str, int]) -> None:
    expert.subjects.exclude(code__in=list(subjects)).delete()
    have = {s.code: s for s in expert.subjects.all()}
    for code, level in subjects.items():
        if code in have:
            if have[code].level != level:
                have[code].level = level
                have[code].save(update_fields=["level"])
        else:
            ExpertSubject.objects.create(expert=expert, code=code, level=level)


def _set_languages(expert: Expert, languages: Sequence[str]) -> None:
    expert.language_rows.exclude(code__in=languages).delete()
    have = set(expert.language_rows.values_list("code", flat=True))
    ExpertLanguage.objects.bulk_create(
        [ExpertLanguage(expert=expert, code=c) for c in languages if c not in have]
    )


def _delete_file_after_commit(field: Any) -> None:
    if field and field.name:
        transaction.on_commit(functools.partial(field.storage.delete, field.name))


@transaction.atomic
def expert_create(
    *,
    actor: User | None,
    full_name: str,
    subjects: Mapping[str, int] | None = None,
    languages: Iterable[str] | None = None,
    countries: Iterable[Country] | None = None,
    **fields: Any,
) -> Expert:
    """A new expert, not listed until they consent and the Secretariat vets them."""
    institution = fields.get("institution")
    if actor is not None and not roles.is_secretariat(actor):
        if institution is None or institution.pk not in roles.focal_institution_ids(actor):
            raise PermissionDenied(
                _("Focal points propose experts of their own institution."),
                code="not_your_institution",
            )
    unknown = sorted(set(fields) - set(FIELDS))
    if unknown:
        raise ValidationFailed({f: [_("Unknown field.")] for f in unknown})
    clean_subjects = _clean_subjects(subjects or {}) or {}
    clean_languages = _clean_languages(languages or []) or []
    expert = Expert(full_name=(full_name or "").strip(), **fields)
    validate(expert)
    attribute_history(expert, actor)
    expert.save()
    _set_subjects(expert, clean_subjects)
    _set_languages(expert, clean_languages)
    if countries is not None:
        expert.countries.set(list(countries))
    return expert


@transaction.atomic
def expert_update(
    *,
    actor: User | None,
    expert: Expert,
    expected_version: int | None = None,
    subjects: Mapping[str, int] | None = None,
    languages: Iterable[str] | None = None,
    countries: Iterable[Country] | None = None,
    **fields: Any,
) -> Expert:
    _require_keeper(actor, expert, expert.institution)
    if "institution" in fields and fields["institution"] != expert.institution:
        _require_keeper(actor, None, fields["institution"])
    unknown = sorted(set(fields) - set(FIELDS))
    if unknown:
        raise ValidationFailed({f: [_("This field cannot be changed here.")] for f in unknown})
    if "user" in fields and actor is not None and not roles.is_secretariat(actor):
        raise PermissionDenied(_("Only the Secretariat links an account."), code="secretariat_only")
    versioning.edit(expert, actor=actor, expected_version=expected_version)
    if expert.consent_withdrawn_at and any(fields.get(f) for f in PERSONAL_FIELDS):
        raise Conflict(
            _(
                "This expert withdrew their consent: personal details are no longer kept. "
                "They may give their consent again first."
            ),
            code="consent_withdrawn",
        )
    clean_subjects = _clean_subjects(subjects)
    clean_languages = _clean_languages(languages)
    old_cv = expert.cv if "cv" in fields else None
    for name, value in fields.items():
        setattr(expert, name, value)
    validate(expert)
    expert.save()
    if old_cv and old_cv.name and old_cv.name != expert.cv.name:
        _delete_file_after_commit(old_cv)
    if clean_subjects is not None:
        _set_subjects(expert, clean_subjects)
    if clean_languages is not None:
        _set_languages(expert, clean_languages)
    if countries is not None:
        expert.countries.set(list(countries))
    return expert


@transaction.atomic
def expert_vet(*, actor: User | None, expert: Expert, vetting: str) -> Expert:
    """The Secretariat records its vetting (vetted or not retained)."""
    require_secretariat(actor)
    if vetting not in Vetting.values:
        raise ValidationFailed({"vetting": [_("Unknown value %(value)s.") % {"value": vetting}]})
    versioning.edit(expert, actor=actor, expected_version=None)
    expert.vetting = vetting
    expert.vetted_by = actor if getattr(actor, "is_authenticated", False) else None
    expert.vetted_at = timezone.now()
    expert.save()
    return expert


def _require_consenter(actor: User | None, expert: Expert) -> None:
    if actor is None or roles.is_secretariat(actor) or _is_self(actor, expert):
        return
    raise PermissionDenied(
        _("Only the expert (or the Secretariat, recording their written consent) decides this."),
        code="expert_only",
    )


@transaction.atomic
def expert_give_consent(
    *, actor: User | None, expert: Expert, listing: str, show: Iterable[str] = ()
) -> Expert:
    """The expert agrees to be listed (to members or to the public) and says which parts of
    the profile the listing may show; anything not named stays hidden."""
    _require_consenter(actor, expert)
    if listing not in (Listing.MEMBERS, Listing.PUBLIC):
        raise ValidationFailed(
            {"listing": [_("Choose to be listed to network members or to everyone.")]}
        )
    shown = set(show)
    unknown = sorted(shown - set(CONSENT_FIELDS))
    if unknown:
        raise ValidationFailed(
            {"show": [_("Unknown part %(part)s.") % {"part": p} for p in unknown]}
        )
    versioning.edit(expert, actor=actor, expected_version=None)
    expert.listing = listing
    for part in CONSENT_FIELDS:
        setattr(expert, f"show_{part}", part in shown)
    expert.consent_given_at = timezone.now()
    expert.consent_withdrawn_at = None
    expert.save()
    return expert


@transaction.atomic
def expert_withdraw_consent(*, actor: User | None, expert: Expert) -> Expert:
    """The expert withdraws consent: the listing ends and the personal details (contact,
    profile, CV) are erased from the record and from every past version. Kept, as the
    network's records require: the name, the institution, the expertise and the activities the
    expert delivered (shown to the Secretariat only from now on)."""
    _require_consenter(actor, expert)
    versioning.lock(expert)
    if expert.consent_withdrawn_at is not None:
        return expert
    versioning.bump(expert, actor=actor)
    cv = expert.cv
    expert.listing = Listing.NONE
    for part in CONSENT_FIELDS:
        setattr(expert, f"show_{part}", False)
    for name in PERSONAL_FIELDS:
        setattr(expert, name, "")
    expert.consent_withdrawn_at = timezone.now()
    expert.save()
    # Past versions keep only what the rules allow: the same personal fields go everywhere.
    expert.history.all().update(**{name: "" for name in PERSONAL_FIELDS})
    _delete_file_after_commit(cv)
    return expert


@transaction.atomic
def activity_experts_set(
    *,
    actor: User | None,
    activity: Activity,
    experts: Mapping[Expert, str],
) -> list[ActivityExpert]:
    """Name the experts of a capacity-building activity (``{expert: role}``), replacing the
    list: the Secretariat or the activity's provider. An expert must be vetted and listed
    (consent given) to be named; experts already named keep their place even after a
    withdrawal, which only hides them."""
    from smenet.capacity.services import activity_require_organiser

    activity_require_organiser(actor=actor, activity=activity)
    errors: list[str] = []
    for role in experts.values():
        if role not in ExpertRole.values:
            errors.append(_("Unknown role %(role)s.") % {"role": role})
    current = {link.expert_id: link for link in activity.expert_links.all()}
    for expert in experts:
        if expert.pk in current:
            continue
        if (
            expert.vetting != Vetting.VETTED
            or expert.consent_given_at is None
            or expert.consent_withdrawn_at
        ):
            errors.append(
                _("%(name)s is not a vetted expert who agreed to be listed.")
                % {"name": expert.full_name}
            )
    if errors:
        raise ValidationFailed({"experts": errors})
    wanted = {e.pk: role for e, role in experts.items()}
    for expert_id, link in current.items():
        if expert_id not in wanted:
            link.delete()
        elif link.role != wanted[expert_id]:
            link.role = wanted[expert_id]
            link.save(update_fields=["role"])
    added_by = actor if getattr(actor, "is_authenticated", False) else None
    ActivityExpert.objects.bulk_create(
        [
            ActivityExpert(activity=activity, expert_id=pk, role=role, added_by=added_by)
            for pk, role in wanted.items()
            if pk not in current
        ]
    )
    return list(activity.expert_links.select_related("expert"))
