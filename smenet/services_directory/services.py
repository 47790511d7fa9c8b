"""Writes of the services directory. Each checks permission and every rule, saves with history,
keeps the filter facets in step, and re-indexes the service for search after commit.

Who does what: a focal point keeps its own institutions' services (create, change, submit,
archive, confirm); the Secretariat moderates publication (publish, return, mark a change as
reviewed, restore an archived service) and may do anything; ``actor=None`` is the system
(imports, demo data, the task worker).
"""

from __future__ import annotations

import datetime
import re
import uuid
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from smenet.common import versioning
from smenet.common.errors import Conflict, DomainError, PermissionDenied, ValidationFailed
from smenet.common.services import attribute_history, check_version, validate
from smenet.common.translation import set_translations
from smenet.registry import roles
from smenet.registry.models import Institution
from smenet.registry.roles import require_secretariat
from smenet.registry.types import User
from smenet.search.indexing import schedule

from . import reference
from .choices import (
    ANY,
    CostKind,
    CrossBorder,
    FacetKind,
    ReviewStatus,
    ServiceEvent,
    ServiceStatus,
    SizeClass,
    Stage,
)
from .models import TEXT_FIELDS, Service, ServiceFacet

#: A service not confirmed for this long is flagged and its focal points reminded.
CONFIRMATION_PERIOD = datetime.timedelta(days=365)
LANGUAGE_RE = re.compile(r"^[a-z]{2}$")

#: Fields a caller may set (texts go in ``texts``); the workflow fields have their own steps.
FIELDS = (
    "institution",
    "category",
    "original_language",
    "sizes",
    "sectors",
    "stages",
    "languages",
    "online",
    "in_person",
    "cost",
    "cost_amount",
    "cost_currency",
    "apply_url",
    "apply_email",
    "apply_phone",
    "response_days",
    "cross_border",
    "status",
    "last_confirmed",
    "source_url",
    "source_note",
    "is_sample",
    "ref",
)
LIST_FIELDS = {
    "sizes": FacetKind.SIZE,
    "sectors": FacetKind.SECTOR,
    "stages": FacetKind.STAGE,
    "languages": FacetKind.LANGUAGE,
}


# --- checks -------------------------------------------------------------------------------------


def _require_keeper(actor: User | None, institution: Institution | None) -> None:
    """The Secretariat, the system, or a focal point of ``institution``."""
    if actor is None or roles.is_secretariat(actor):
        return
    if institution is None or institution.pk not in roles.focal_institution_ids(actor):
        raise PermissionDenied(
            _("You may only keep the services of your own institution."),
            code="not_your_institution",
        )


def _codes(value: Any, field: str, errors: dict[str, list[str]]) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str) or not isinstance(value, Iterable):
        errors.setdefault(field, []).append(_("Give a list of codes."))
        return []
    out: list[str] = []
    for item in value:
        if not isinstance(item, str):
            errors.setdefault(field, []).append(_("Give a list of codes."))
            return []
        code = item.strip()
        if code and code not in out:
            out.append(code)
    return out


def clean_values(values: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """Normalise and check the fields of a service (those present in ``values``): known
    category, sizes, ISIC sections, stages and language codes; the cost rules. Returns the
    cleaned values and the errors by field, translated."""
    errors: dict[str, list[str]] = {}
    out = dict(values)
    if "category" in values:
        category = (values["category"] or "").strip()
        if not reference.is_category(category):
            errors.setdefault("category", []).append(
                _("Unknown category %(code)s.") % {"code": category or "—"}
            )
        out["category"] = category
    allowed = {
        "sizes": (SizeClass.values, _("Unknown size class %(code)s.")),
        "stages": (Stage.values, _("Unknown stage %(code)s.")),
        "sectors": (list(reference.sectors()), _("Unknown ISIC Rev. 4 section %(code)s.")),
    }
    for field, (known, message) in allowed.items():
        if field in values:
            codes = _codes(values[field], field, errors)
            if field == "sectors":
                codes = [c.upper() for c in codes]
            for code in codes:
                if code not in known:
                    errors.setdefault(field, []).append(message % {"code": code})
            out[field] = codes
    if "languages" in values:
        codes = [c.lower() for c in _codes(values["languages"], "languages", errors)]
        for code in codes:
            if not LANGUAGE_RE.match(code):
                errors.setdefault("languages", []).append(
                    _("%(code)s is not an ISO 639-1 language code (two letters, such as ar).")
                    % {"code": code}
                )
        out["languages"] = codes
    if "original_language" in values:
        code = (values["original_language"] or "").strip().lower()
        if not LANGUAGE_RE.match(code):
            errors.setdefault("original_language", []).append(
                _("%(code)s is not an ISO 639-1 language code (two letters, such as ar).")
                % {"code": code or "—"}
            )
        out["original_language"] = code
    if "cross_border" in values and values["cross_border"] not in ("", *CrossBorder.values):
        errors.setdefault("cross_border", []).append(
            _("Unknown value %(value)s; use yes, no or conditions.")
            % {"value": values["cross_border"]}
        )
    if "status" in values and values["status"] not in ServiceStatus.values:
        errors.setdefault("status", []).append(
            _("Unknown status %(value)s.") % {"value": values["status"]}
        )
    if "cost" in values and (values["cost"] or "") not in ("", *CostKind.values):
        errors.setdefault("cost", []).append(
            _("Unknown cost %(value)s; use free, subsidised or fee.") % {"value": values["cost"]}
        )
    if "cost_currency" in values:
        currency = (values["cost_currency"] or "").strip().upper()
        if currency and not reference.is_currency(currency):
            errors.setdefault("cost_currency", []).append(
                _("%(code)s is not an ISO 4217 currency code in use (such as AZN, EUR, XOF).")
                % {"code": currency}
            )
        out["cost_currency"] = currency
    if "cost_amount" in values and values["cost_amount"] not in (None, ""):
        try:
            amount = Decimal(str(values["cost_amount"]).strip())
            if not amount.is_finite() or amount < 0:
                raise InvalidOperation
            out["cost_amount"] = amount
        except (InvalidOperation, ValueError):
            errors.setdefault("cost_amount", []).append(
                _("Give the amount as a number zero or above, such as 150 or 12.50.")
            )
    elif "cost_amount" in values:
        out["cost_amount"] = None
    return out, errors


def _check_cost(service: Service, errors: dict[str, list[str]]) -> None:
    """Free costs nothing; a fee has an amount and its currency; an amount always has one."""
    if service.cost == CostKind.FREE and (service.cost_amount or service.cost_currency):
        errors.setdefault("cost_amount", []).append(_("A free service has no amount."))
    if service.cost == CostKind.FEE and service.cost_amount is None:
        errors.setdefault("cost_amount", []).append(_("Give the amount of the fee."))
    if service.cost_amount is not None and not service.cost_currency:
        errors.setdefault("cost_currency", []).append(
            _("Give the currency of the amount (ISO 4217, such as AZN).")
        )
    elif service.cost == CostKind.FEE and not service.cost_currency:
        errors.setdefault("cost_currency", []).append(
            _("Give the currency of the fee (ISO 4217, such as AZN).")
        )
    if not service.cost and (service.cost_amount is not None or service.cost_currency):
        errors.setdefault("cost", []).append(
            _("Say whether the service is free, subsidised or paid for.")
        )


def _check_texts(texts: Mapping[str, Mapping[str, str]]) -> dict[str, dict[str, str]]:
    unknown = sorted(set(texts) - set(TEXT_FIELDS))
    if unknown:
        raise ValidationFailed({f: [_("Unknown field.")] for f in unknown})
    out: dict[str, dict[str, str]] = {}
    for field, by_lang in texts.items():
        for lang, text in (by_lang or {}).items():
            if not LANGUAGE_RE.match(lang or ""):
                raise ValidationFailed(
                    {
                        field: [
                            _(
                                "%(code)s is not an ISO 639-1 language code (two letters, such as ar)."
                            )
                            % {"code": lang}
                        ]
                    }
                )
            value = (text or "").strip()
            limit = Service._parler_meta.root_model._meta.get_field(field).max_length
            if limit and len(value) > limit:
                raise ValidationFailed(
                    {
                        field: [
                            _("At most %(limit)s characters (%(lang)s: %(length)s).")
                            % {"limit": limit, "lang": lang, "length": len(value)}
                        ]
                    }
                )
            out.setdefault(field, {})[lang] = value
    return out


def _apply(
    service: Service, values: Mapping[str, Any], texts: Mapping[str, Mapping[str, str]] | None
) -> bool:
    """Set ``values`` and ``texts`` on ``service`` after checking them; True if anything
    changed. Raises ``ValidationFailed`` with every error at once."""
    cleaned, errors = clean_values(values)
    changed = False
    for name, value in cleaned.items():
        if getattr(service, name if name != "institution" else "institution_id") != (
            value.pk if name == "institution" and value is not None else value
        ):
            setattr(service, name, value)
            changed = True
    if texts:
        current = _stored_texts(service)
        for field, by_lang in texts.items():
            for lang, text in by_lang.items():
                if current.get(field, {}).get(lang, "") != text:
                    changed = True
        set_translations(service, texts)
    _check_cost(service, errors)
    if errors:
        raise ValidationFailed(errors)
    return changed


def _translation_rows(service: Service) -> list[Any]:
    """The stored language versions, read afresh (never a prefetched, stale list)."""
    if service.pk is None:
        return []
    return list(Service._parler_meta.root_model.objects.filter(master_id=service.pk))


def _stored_texts(service: Service) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for row in _translation_rows(service):
        for field in TEXT_FIELDS:
            out.setdefault(field, {})[row.language_code] = getattr(row, field) or ""
    return out


def _title_given(texts: Mapping[str, Mapping[str, str]]) -> None:
    if not any((t or "").strip() for t in texts.get("title", {}).values()):
        raise ValidationFailed({"title": [_("Give the title in at least one language.")]})


def _drop_empty_translations(service: Service) -> None:
    """A language whose every text was left empty is no version at all; the title stays
    required in at least one language (raised inside the transaction: nothing is saved)."""
    rows = _translation_rows(service)
    for row in rows:
        if not any((getattr(row, f, "") or "").strip() for f in TEXT_FIELDS):
            service.delete_translation(row.language_code)
    if not any((row.title or "").strip() for row in rows):
        raise ValidationFailed({"title": [_("Give the title in at least one language.")]})


def _sync_facets(service: Service) -> None:
    """The filter rows of ``service``: one per listed value, or ``*`` for an empty
    eligibility list (every size, sector or stage). Languages have no "all"."""
    wanted: set[tuple[str, str]] = set()
    for field, kind in LIST_FIELDS.items():
        values = list(getattr(service, field) or [])
        if not values and kind != FacetKind.LANGUAGE:
            values = [ANY]
        wanted.update((kind, v) for v in values)
    have = set(service.facets.values_list("kind", "value"))
    stale = have - wanted
    for stale_kind, value in stale:
        service.facets.filter(kind=stale_kind, value=value).delete()
    ServiceFacet.objects.bulk_create(
        [ServiceFacet(service=service, kind=k, value=v) for k, v in sorted(wanted - have)]
    )


def _new_ref(institution: Institution, category: str) -> str:
    base = slugify(f"{institution.slug}-{category}")[:80]
    return f"{base}-{uuid.uuid4().hex[:6]}"


def _locked(service: Service, expected_version: int | None) -> Service:
    """Reload ``service`` from its row, locked for the rest of the transaction, and refuse a
    change made from a stale copy (409 naming who changed it): ``common.versioning``."""
    versioning.lock(service)
    check_version(service, expected_version)
    return service


def _reindex(service: Service) -> None:
    schedule("service", [service.pk])


def _archived() -> Conflict:
    return Conflict(
        _(
            "This service is archived: it can no longer be changed. Ask the Secretariat to "
            "restore it first."
        ),
        code="archived",
        field="status",
    )


def _refuse_archived(service: Service) -> None:
    if service.status == ServiceStatus.ARCHIVED:
        raise _archived()


# --- create, change ---------------------------------------------------------------------------


@transaction.atomic
def service_create(
    *,
    actor: User | None,
    institution: Institution,
    texts: Mapping[str, Mapping[str, str]],
    review_status: str = ReviewStatus.DRAFT,
    **values: Any,
) -> Service:
    """A new service of ``institution``. A focal point's service starts as a draft (or is
    submitted at once with ``review_status="submitted"``); the Secretariat and the system may
    publish it directly."""
    _require_keeper(actor, institution)
    unknown = sorted(set(values) - set(FIELDS))
    if unknown:
        raise ValidationFailed({f: [_("Unknown field.")] for f in unknown})
    if review_status not in ReviewStatus.values or (
        review_status in (ReviewStatus.PUBLISHED, ReviewStatus.RETURNED)
        and actor is not None
        and not roles.is_secretariat(actor)
    ):
        raise DomainError(
            _("A new service is a draft or is submitted for review."), field="review_status"
        )
    if values.get("status") == ServiceStatus.ARCHIVED and actor is not None:
        raise DomainError(_("A new service cannot be archived."), field="status")
    texts = _check_texts(texts)
    _title_given(texts)
    service = Service(institution=institution, review_status=review_status)
    _apply(service, values, texts)
    if not service.ref:
        service.ref = _new_ref(institution, service.category)
    if service.last_confirmed is None:
        service.last_confirmed = timezone.localdate()
    now = timezone.now()
    if review_status == ReviewStatus.SUBMITTED:
        service.submitted_at = now
    if review_status == ReviewStatus.PUBLISHED:
        service.published_at = now
    validate(service)
    attribute_history(service, actor)
    service.save()
    _drop_empty_translations(service)
    _sync_facets(service)
    _reindex(service)
    if review_status == ReviewStatus.SUBMITTED:
        _notify_after_commit(ServiceEvent.SUBMITTED, service.pk)
    return service


@transaction.atomic
def service_update(
    *,
    actor: User | None,
    service: Service,
    expected_version: int | None = None,
    texts: Mapping[str, Mapping[str, str]] | None = None,
    **values: Any,
) -> Service:
    """Change a service: its focal points and the Secretariat, never once archived. A focal
    point's change to a published service stays published and waits for the Secretariat's
    look ("changed since review"). When the system sends the values already stored (an
    import without versions), nothing is written, no version, no history row: re-importing a
    file is a no-op. A person's save from a copy (``expected_version``) always makes a version,
    as every versioned record does (decision 0019)."""
    _require_keeper(actor, service.institution)
    if "institution" in values and values["institution"] != service.institution:
        _require_keeper(actor, values["institution"])
    unknown = sorted(set(values) - set(FIELDS))
    if unknown:
        raise ValidationFailed({f: [_("This field cannot be changed here.")] for f in unknown})
    _locked(service, expected_version)
    was_archived = service.status == ServiceStatus.ARCHIVED
    if values.get("status") == ServiceStatus.ARCHIVED and not was_archived and actor is not None:
        raise DomainError(_("Use archive to archive a service."), field="status")
    changed = _apply(service, values, _check_texts(texts) if texts else None)
    if not changed and expected_version is None:
        return service  # the system (an import) sent what is stored: nothing to write
    if was_archived:
        raise _archived()
    is_officer = actor is None or roles.is_secretariat(actor)
    if service.review_status == ReviewStatus.PUBLISHED and not is_officer:
        service.changed_since_review = True
    versioning.bump(service, actor=actor)
    validate(service)
    service.save()
    if texts:
        _drop_empty_translations(service)
    _sync_facets(service)
    _reindex(service)
    return service


# --- workflow ---------------------------------------------------------------------------------


def _step(
    service: Service,
    actor: User | None,
    *,
    field: str,
    allowed_from: Sequence[str],
    to: str,
    expected_version: int | None = None,
) -> Service:
    """A workflow step through ``common.versioning.status_change`` (locked, from-state checked
    on the row), refused with the two states named."""

    def refuse(current: Service) -> Conflict:
        labels = dict(ReviewStatus.choices) | dict(ServiceStatus.choices)
        now = getattr(current, field)
        return Conflict(
            _("This service is %(status)s: it cannot become %(new)s.")
            % {"status": labels.get(now, now), "new": labels.get(to, to)},
            code="invalid_transition",
            field=field,
        )

    versioning.status_change(
        service,
        actor=actor,
        to=to,
        allowed_from=allowed_from,
        expected_version=expected_version,
        field=field,
        refuse=refuse,
    )
    return service


@transaction.atomic
def service_submit(*, actor: User | None, service: Service) -> Service:
    """Its focal points ask the Secretariat to publish a draft or returned service."""
    _require_keeper(actor, service.institution)
    _refuse_archived(service)
    _step(
        service,
        actor,
        field="review_status",
        allowed_from=(ReviewStatus.DRAFT, ReviewStatus.RETURNED),
        to=ReviewStatus.SUBMITTED,
    )
    service.submitted_at = timezone.now()
    service.save()
    _notify_after_commit(ServiceEvent.SUBMITTED, service.pk)
    return service


@transaction.atomic
def service_publish(*, actor: User | None, service: Service) -> Service:
    """The Secretariat publishes a service, or marks a published one's changes as reviewed."""
    require_secretariat(actor)
    _refuse_archived(service)
    if service.review_status == ReviewStatus.PUBLISHED:
        versioning.edit(service, actor=actor, expected_version=None)
        service.changed_since_review = False
        service.save()
        return service
    _step(
        service,
        actor,
        field="review_status",
        allowed_from=(ReviewStatus.SUBMITTED, ReviewStatus.DRAFT, ReviewStatus.RETURNED),
        to=ReviewStatus.PUBLISHED,
    )
    service.published_at = timezone.now()
    service.review_comment = ""
    service.changed_since_review = False
    service.save()
    _reindex(service)
    _notify_after_commit(ServiceEvent.PUBLISHED, service.pk)
    return service


@transaction.atomic
def service_return(*, actor: User | None, service: Service, comment: str) -> Service:
    """The Secretariat sends a service back to its institution with comments (a published
    one leaves the public directory until it is published again)."""
    require_secretariat(actor)
    if not (comment or "").strip():
        raise DomainError(_("Say what should be changed."), field="comment")
    _refuse_archived(service)
    _step(
        service,
        actor,
        field="review_status",
        allowed_from=(ReviewStatus.SUBMITTED, ReviewStatus.PUBLISHED),
        to=ReviewStatus.RETURNED,
    )
    service.review_comment = comment.strip()
    service.changed_since_review = False
    service.save()
    _reindex(service)
    _notify_after_commit(ServiceEvent.RETURNED, service.pk)
    return service


@transaction.atomic
def service_archive(
    *, actor: User | None, service: Service, expected_version: int | None = None
) -> Service:
    """Its focal points or the Secretariat retire a service: it leaves the public directory
    and can no longer be changed; its history stays."""
    _require_keeper(actor, service.institution)
    _step(
        service,
        actor,
        field="status",
        allowed_from=(ServiceStatus.ACTIVE, ServiceStatus.SUSPENDED),
        to=ServiceStatus.ARCHIVED,
        expected_version=expected_version,
    )
    service.save()
    _reindex(service)
    return service


@transaction.atomic
def service_restore(*, actor: User | None, service: Service) -> Service:
    """The Secretariat brings an archived service back (active, publication unchanged)."""
    require_secretariat(actor)
    _step(
        service,
        actor,
        field="status",
        allowed_from=(ServiceStatus.ARCHIVED,),
        to=ServiceStatus.ACTIVE,
    )
    service.save()
    _reindex(service)
    return service


@transaction.atomic
def service_confirm(
    *, actor: User | None, service: Service, on: datetime.date | None = None
) -> Service:
    """A focal point (or the Secretariat) confirms the service is still current: the
    unconfirmed flag goes, and the next reminder is a year away."""
    _require_keeper(actor, service.institution)
    versioning.edit(service, actor=actor, expected_version=None)
    _refuse_archived(service)
    service.last_confirmed = on or timezone.localdate()
    service.unconfirmed_since = None
    service.reminded_at = None
    service.save()
    return service


# --- the yearly confirmation ------------------------------------------------------------------


def services_flag_unconfirmed(*, today: datetime.date | None = None) -> dict[int, list[int]]:
    """Flag every service (not archived) whose last confirmation is a year old or more, and
    queue one reminder per institution to its focal points (after commit). A flagged service
    is reminded again once a year while nobody confirms it. Returns ``{institution: [service
    ids reminded]}``. Run daily by the task worker; idempotent within a day."""
    today = today or timezone.localdate()
    due_before = today - CONFIRMATION_PERIOD
    remind_before = timezone.now() - CONFIRMATION_PERIOD
    by_institution: dict[int, list[int]] = {}
    with transaction.atomic():
        due = (
            Service.objects.select_for_update()
            .exclude(status=ServiceStatus.ARCHIVED)
            .filter(last_confirmed__lte=due_before)
            .filter(Q(reminded_at__isnull=True) | Q(reminded_at__lte=remind_before))
            .order_by("institution_id", "pk")
        )
        for service in due:
            if service.unconfirmed_since is None:
                service.unconfirmed_since = today
            service.reminded_at = timezone.now()
            attribute_history(service, None)
            service.save(update_fields=["unconfirmed_since", "reminded_at", "updated_at"])
            by_institution.setdefault(service.institution_id, []).append(service.pk)
        for institution_id, ids in by_institution.items():
            _notify_after_commit(ServiceEvent.UNCONFIRMED, institution_id, ids)
    return by_institution


# --- notifications (after commit, by the task worker) ------------------------------------------


def _notify_after_commit(event: ServiceEvent, object_id: int, ids: list[int] | None = None) -> None:
    """Queue the e-mail once the change is committed (none for a rolled-back one); a failure
    to queue it is logged and never breaks the change, which is already saved."""
    from .tasks import send_service_notification

    def enqueue() -> None:
        send_service_notification.enqueue(str(event), object_id, ids or [])

    transaction.on_commit(enqueue, robust=True)
