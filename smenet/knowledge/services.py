"""Writes of the knowledge hub. Each checks permission, validates, saves with history and
re-indexes the changed object for search after commit."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smenet.common import versioning
from smenet.common.errors import DomainError, PermissionDenied, ValidationFailed
from smenet.common.services import attribute_history, validate
from smenet.common.translation import set_translations
from smenet.registry import roles
from smenet.registry.models import Country, Institution
from smenet.registry.roles import require_secretariat
from smenet.registry.types import User
from smenet.search.indexing import schedule
from smenet.taxonomy.subjects import is_subject

from . import notifications
from .choices import AttachmentKind, InterestStatus, PracticeEvent, PracticeStatus
from .models import (
    TEMPLATE_FIELDS,
    BestPractice,
    BestPracticeAttachment,
    BestPracticeLink,
    BestPracticeSubject,
    Publication,
    PublicationFile,
    ReplicationInterest,
)
from .querysets import EDITABLE_STATUSES

TEXT_FIELDS = ("title", *TEMPLATE_FIELDS)


def _require_author(actor: User | None, institution: Institution | None) -> None:
    """The Secretariat, the system (``actor=None``), or a focal point of ``institution``."""
    if actor is None or roles.is_secretariat(actor):
        return
    if institution is None or institution.pk not in roles.focal_institution_ids(actor):
        raise PermissionDenied(
            _("You may only write best practices of your own institution."),
            code="not_your_institution",
        )


def _check_subjects(codes: Iterable[str]) -> list[str]:
    codes = list(dict.fromkeys(codes))
    unknown = [c for c in codes if not is_subject(c)]
    if unknown:
        raise ValidationFailed(
            {"subjects": [_("Unknown subject %(code)s.") % {"code": c} for c in unknown]}
        )
    return codes


def _check_texts(texts: Mapping[str, Mapping[str, str]], *, require_title: bool) -> None:
    unknown = sorted(set(texts) - set(TEXT_FIELDS))
    if unknown:
        raise ValidationFailed({f: [_("Unknown field.")] for f in unknown})
    if require_title and not any((v or "").strip() for v in texts.get("title", {}).values()):
        raise ValidationFailed({"title": [_("Give the title in at least one language.")]})


def _set_subjects(practice: BestPractice, codes: Sequence[str]) -> None:
    practice.subjects.exclude(code__in=codes).delete()
    have = set(practice.subjects.values_list("code", flat=True))
    BestPracticeSubject.objects.bulk_create(
        [BestPracticeSubject(best_practice=practice, code=c) for c in codes if c not in have]
    )


def _set_links(practice: BestPractice, links: Sequence[Mapping[str, str]]) -> None:
    practice.links.all().delete()
    for link in links:
        obj = BestPracticeLink(
            best_practice=practice, url=link.get("url", ""), label=link.get("label", "")
        )
        validate(obj)
        obj.save()


def _drop_empty_translations(practice: BestPractice) -> None:
    """A language whose every text was left empty (or emptied) is no version at all."""
    for translation in list(practice.translations.all()):
        if not any((getattr(translation, f, "") or "").strip() for f in TEXT_FIELDS):
            practice.delete_translation(translation.language_code)


def _reindex(practice: BestPractice) -> None:
    schedule("best_practice", [practice.pk])


@transaction.atomic
def best_practice_create(
    *,
    actor: User | None,
    country: Country,
    texts: Mapping[str, Mapping[str, str]],
    institution: Institution | None = None,
    subjects: Sequence[str] = (),
    links: Sequence[Mapping[str, str]] = (),
    ref: str | None = None,
    status: str = PracticeStatus.DRAFT,
    **fields: Any,
) -> BestPractice:
    """A new best practice; ``texts`` is ``{field: {lang: text}}`` (``title`` required)."""
    _require_author(actor, institution)
    if status not in (PracticeStatus.DRAFT, PracticeStatus.PUBLISHED) or (
        status == PracticeStatus.PUBLISHED and actor is not None and not roles.is_secretariat(actor)
    ):
        raise DomainError(_("A new best practice starts as a draft."), field="status")
    _check_texts(texts, require_title=True)
    codes = _check_subjects(subjects)
    practice = BestPractice(
        country=country, institution=institution, ref=ref or None, status=status, **fields
    )
    if status == PracticeStatus.PUBLISHED:
        practice.published_at = timezone.now()
    set_translations(practice, texts)
    validate(practice)
    attribute_history(practice, actor)
    practice.save()
    _drop_empty_translations(practice)
    _set_subjects(practice, codes)
    _set_links(practice, links)
    _reindex(practice)
    return practice


@transaction.atomic
def best_practice_update(
    *,
    actor: User | None,
    practice: BestPractice,
    expected_version: int | None = None,
    texts: Mapping[str, Mapping[str, str]] | None = None,
    subjects: Sequence[str] | None = None,
    links: Sequence[Mapping[str, str]] | None = None,
    **fields: Any,
) -> BestPractice:
    """Change a best practice: its focal points while draft or returned, the Secretariat always."""
    practice = versioning.edit(practice, actor=actor, expected_version=expected_version)
    if actor is not None and not roles.is_secretariat(actor):
        _require_author(actor, practice.institution)
        if practice.status not in EDITABLE_STATUSES:
            raise DomainError(
                _("Only a draft or a returned best practice can be changed."),
                code="not_editable",
                field="status",
            )
        if "institution" in fields and fields["institution"] != practice.institution:
            _require_author(actor, fields["institution"])
    allowed = {
        "country",
        "institution",
        "year",
        "original_language",
        "contact",
        "ref",
        "is_sample",
        "status",
    }
    unknown = sorted(set(fields) - allowed)
    if unknown:
        raise ValidationFailed({f: [_("This field cannot be changed here.")] for f in unknown})
    if "status" in fields and actor is not None:
        raise DomainError(_("Use submit, return or publish."), field="status")
    for name, value in fields.items():
        setattr(practice, name, value)
    if texts:
        _check_texts(texts, require_title=False)
        set_translations(practice, texts)
    codes = _check_subjects(subjects) if subjects is not None else None
    validate(practice)
    practice.save()
    if texts:
        _drop_empty_translations(practice)
        if not any((t.title or "").strip() for t in practice.translations.all()):
            # Raised inside the transaction: the whole update is rolled back.
            raise ValidationFailed({"title": [_("Give the title in at least one language.")]})
    if codes is not None:
        _set_subjects(practice, codes)
    if links is not None:
        _set_links(practice, links)
    _reindex(practice)
    return practice


def _transition(
    practice: BestPractice, actor: User | None, allowed_from: Iterable[str], to: str
) -> BestPractice:
    """The practice locked, checked and moved to ``to`` (saved by the caller)."""

    def refuse(current: BestPractice) -> DomainError:
        return DomainError(
            _("A best practice that is %(status)s cannot become %(new)s.")
            % {"status": current.get_status_display(), "new": PracticeStatus(to).label},
            code="invalid_transition",
            field="status",
        )

    current, _previous = versioning.status_change(
        practice, actor=actor, to=to, allowed_from=set(allowed_from), refuse=refuse
    )
    return current


@transaction.atomic
def best_practice_submit(*, actor: User | None, practice: BestPractice) -> BestPractice:
    _require_author(actor, practice.institution)
    practice = _transition(practice, actor, EDITABLE_STATUSES, PracticeStatus.SUBMITTED)
    practice.submitted_at = timezone.now()
    practice.save()
    _reindex(practice)
    notifications.practice_event_after_commit(PracticeEvent.SUBMITTED, practice.pk)
    return practice


@transaction.atomic
def best_practice_withdraw(*, actor: User | None, practice: BestPractice) -> BestPractice:
    """Its focal points take back a submission the Secretariat has not reviewed yet, to change
    it: the practice is a draft again."""
    _require_author(actor, practice.institution)
    practice = _transition(practice, actor, (PracticeStatus.SUBMITTED,), PracticeStatus.DRAFT)
    practice.submitted_at = None
    practice.save()
    _reindex(practice)
    return practice


@transaction.atomic
def best_practice_return(
    *, actor: User | None, practice: BestPractice, comment: str
) -> BestPractice:
    """The Secretariat sends a submission back to its authors with comments."""
    require_secretariat(actor)
    if not (comment or "").strip():
        raise DomainError(_("Say what should be changed."), field="comment")
    practice = _transition(practice, actor, (PracticeStatus.SUBMITTED,), PracticeStatus.RETURNED)
    practice.review_comment = comment.strip()
    practice.save()
    _reindex(practice)
    notifications.practice_event_after_commit(PracticeEvent.RETURNED, practice.pk)
    return practice


@transaction.atomic
def best_practice_publish(*, actor: User | None, practice: BestPractice) -> BestPractice:
    require_secretariat(actor)
    practice = _transition(
        practice,
        actor,
        (PracticeStatus.SUBMITTED, PracticeStatus.DRAFT, PracticeStatus.RETURNED),
        PracticeStatus.PUBLISHED,
    )
    practice.published_at = timezone.now()
    practice.review_comment = ""
    practice.save()
    _reindex(practice)
    notifications.practice_event_after_commit(PracticeEvent.PUBLISHED, practice.pk)
    return practice


def _require_editable_by(actor: User | None, practice: BestPractice) -> None:
    """Its focal points change a practice while draft or returned; the Secretariat always."""
    if actor is None or roles.is_secretariat(actor):
        return
    _require_author(actor, practice.institution)
    if practice.status not in EDITABLE_STATUSES:
        raise DomainError(
            _("Only a draft or a returned best practice can be changed."),
            code="not_editable",
            field="status",
        )


@transaction.atomic
def best_practice_attach(
    *,
    actor: User | None,
    practice: BestPractice,
    file: Any,
    kind: str = AttachmentKind.DOCUMENT,
    title="",
) -> BestPracticeAttachment:
    _require_editable_by(actor, practice)
    attachment = BestPracticeAttachment(best_practice=practice, file=file, kind=kind, title=title)
    validate(attachment)
    attachment.save()
    return attachment


@transaction.atomic
def best_practice_detach(
    *, actor: User | None, practice: BestPractice, attachment_ids: Iterable[int]
) -> int:
    """Remove attachments of ``practice`` (ids of another practice are ignored); how many."""
    _require_editable_by(actor, practice)
    removed = list(practice.attachments.filter(pk__in=list(attachment_ids)))
    for attachment in removed:
        storage, name = attachment.file.storage, attachment.file.name
        attachment.delete()
        if name:  # the file goes once the removal is committed, not before
            transaction.on_commit(functools.partial(storage.delete, name))
    return len(removed)


@transaction.atomic
def replication_interest_create(
    *, actor: User | None, practice: BestPractice, institution: Institution, message: str = ""
) -> ReplicationInterest:
    """An institution tells the authors it wants to replicate a published best practice
    (a focal point of it, or the Secretariat; nobody for the system, ``actor=None``)."""
    if actor is None or (
        not roles.is_secretariat(actor) and institution.pk not in roles.focal_institution_ids(actor)
    ):
        raise PermissionDenied(
            _("Only a focal point can register their institution's interest."),
            code="not_your_institution",
        )
    if practice.status != PracticeStatus.PUBLISHED:
        raise DomainError(_("This best practice is not published."), field="best_practice")
    if practice.institution_id == institution.pk:
        raise DomainError(_("This is your own institution's practice."), field="institution")
    interest, created = ReplicationInterest.objects.get_or_create(
        best_practice=practice,
        institution=institution,
        defaults={"requested_by": actor, "message": message, "status": InterestStatus.NEW},
    )
    if not created:
        raise DomainError(
            _("Your institution has already registered its interest."), code="duplicate"
        )
    notifications.practice_event_after_commit(PracticeEvent.INTEREST, interest.pk)
    return interest


@transaction.atomic
def replication_interest_update(
    *, actor: User | None, interest: ReplicationInterest, status: str
) -> ReplicationInterest:
    """The authors of the practice, or the Secretariat, track where a request stands."""
    owner = interest.best_practice.institution
    if actor is not None and not roles.is_secretariat(actor):
        if owner is None or owner.pk not in roles.focal_institution_ids(actor):
            raise PermissionDenied(
                _("Only the authors of the best practice and the Secretariat track this."),
                code="not_your_institution",
            )
    if status not in InterestStatus.values:
        raise ValidationFailed({"status": [_("Unknown status %(status)s.") % {"status": status}]})
    interest.status = status
    validate(interest)
    interest.save(update_fields=["status", "updated_at"])
    return interest


@transaction.atomic
def publication_create(
    *,
    actor: User | None,
    texts: Mapping[str, Mapping[str, str]],
    date: Any,
    files: Mapping[str, Any] | None = None,
    **fields: Any,
) -> Publication:
    """A new publication; ``files`` is ``{language: uploaded file}``, one version a language."""
    require_secretariat(actor)
    if not any((v or "").strip() for v in texts.get("title", {}).values()):
        raise ValidationFailed({"title": [_("Give the title in at least one language.")]})
    publication = Publication(date=date, **fields)
    set_translations(publication, texts)
    validate(publication)
    attribute_history(publication, actor)
    publication.save()
    for language, upload in (files or {}).items():
        version = PublicationFile(publication=publication, language=language, file=upload)
        try:
            validate(version)
        except ValidationFailed as exc:
            raise ValidationFailed(
                {
                    "files": [
                        f"{language}: {message}"
                        for messages in exc.errors.values()
                        for message in messages
                    ]
                }
            ) from exc
        version.save()
    schedule("publication", [publication.pk])
    return publication
