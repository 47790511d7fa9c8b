"""Reads of the knowledge hub; every one goes through ``visible_to``."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _

from smenet.common.errors import NotFound, PermissionDenied
from smenet.common.permissions import Action, get_for_user
from smenet.registry import roles
from smenet.registry.models import Institution
from smenet.registry.types import Viewer

from .choices import PracticeStatus
from .models import (
    BestPractice,
    BestPracticeAttachment,
    Publication,
    PublicationFile,
    ReplicationInterest,
    SmeDefinition,
)
from .querysets import BestPracticeQuerySet


def best_practice_list(
    *,
    user: Viewer,
    country: str | None = None,
    institution: str | None = None,
    subject: str | None = None,
    status: str | None = None,
    language: str | None = None,
) -> QuerySet[BestPractice]:
    qs = BestPractice.objects.visible_to(user, Action.VIEW).with_translations()
    if country:
        qs = qs.filter(country__iso3=country.upper())
    if institution:
        qs = qs.filter(institution__slug=institution)
    if subject:
        qs = qs.filter(subjects__code=subject)
    if status:
        qs = qs.filter(status=status)
    if language:
        qs = qs.filter(translations__language_code=language)
    return qs.distinct().order_by("-year", "-id") if (subject or language) else qs


def best_practice_get_for_user(*, user: Viewer, pk: int, action: str = Action.VIEW) -> BestPractice:
    return get_for_user(
        BestPractice.objects.with_translations().prefetch_related("links", "attachments"),
        user=user,
        action=action,
        pk=pk,
        not_found=_("Unknown best practice."),
        refused=_("You may not change this best practice."),
        code="not_your_institution",
    )


def _author_institution_ids(user: Viewer) -> set[int]:
    own = roles.focal_institution_ids(user)
    if not own:
        raise PermissionDenied(
            _(
                "Only the focal points of member institutions and the Secretariat write best practices."
            ),
            code="not_a_focal_point",
        )
    return own


def best_practice_author_institutions(*, user: Viewer) -> QuerySet[Institution]:
    """The institutions ``user`` may write best practices for: every one for the Secretariat,
    their own for a focal point; anybody else may write none (403)."""
    qs = Institution.objects.with_translations()
    if roles.is_secretariat(user):
        return qs.order_by("acronym")
    return qs.filter(pk__in=_author_institution_ids(user)).order_by("acronym")


def _workspace(user: Viewer) -> BestPracticeQuerySet:
    qs = BestPractice.objects.visible_to(user, Action.VIEW)
    if roles.is_secretariat(user):
        return qs
    return qs.filter(institution_id__in=_author_institution_ids(user))


def best_practice_workspace(*, user: Viewer, status: str | None = None) -> QuerySet[BestPractice]:
    """The practices a user looks after, latest change first: those of a focal point's
    institutions in every status; every practice for the Secretariat."""
    qs = _workspace(user).with_translations()
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-updated_at", "-id")


def best_practice_status_counts(*, user: Viewer) -> dict[str, int]:
    """How many practices of the user's workspace are in each status (every status present)."""
    rows = _workspace(user).order_by().values_list("status").annotate(n=Count("id"))
    counts = dict.fromkeys(PracticeStatus.values, 0)
    counts.update(dict(rows))
    return counts


def best_practice_review_queue(*, user: Viewer) -> QuerySet[BestPractice]:
    """Submissions waiting for the Secretariat, oldest first."""
    if not roles.is_secretariat(user):
        raise PermissionDenied(
            _("Only the Secretariat reviews best practices."), code="secretariat_only"
        )
    return (
        BestPractice.objects.visible_to(user, Action.REVIEW)
        .filter(status=PracticeStatus.SUBMITTED)
        .with_translations()
        .order_by("submitted_at", "id")
    )


@dataclass(frozen=True)
class PracticeActions:
    """What a user may do with one best practice, for the page to offer (services still check)."""

    change: bool = False
    review: bool = False
    withdraw: bool = False
    see_interest: bool = False
    own_institution: bool = False
    express_interest: bool = False


def best_practice_actions(*, user: Viewer, practice: BestPractice) -> PracticeActions:
    if not getattr(user, "is_authenticated", False):
        return PracticeActions()
    own = roles.focal_institution_ids(user)
    is_owner = practice.institution_id is not None and practice.institution_id in own
    published = practice.status == PracticeStatus.PUBLISHED
    return PracticeActions(
        change=BestPractice.objects.visible_to(user, Action.CHANGE).filter(pk=practice.pk).exists(),
        review=BestPractice.objects.visible_to(user, Action.REVIEW).filter(pk=practice.pk).exists()
        and not published,
        withdraw=is_owner and practice.status == PracticeStatus.SUBMITTED,
        see_interest=roles.is_secretariat(user) or is_owner,
        own_institution=is_owner,
        express_interest=published and bool(own - {practice.institution_id}),
    )


def best_practice_attachment_get_for_user(
    *, user: Viewer, practice_pk: int, pk: int
) -> BestPracticeAttachment:
    """An attachment, to whoever may see its best practice."""
    practice = best_practice_get_for_user(user=user, pk=practice_pk)
    for attachment in practice.attachments.all():
        if attachment.pk == pk:
            return attachment
    raise NotFound(_("Unknown attachment."))


def replication_interest_list(
    *, user: Viewer, practice: BestPractice
) -> QuerySet[ReplicationInterest]:
    """The interest registered in replicating ``practice`` that ``user`` may see."""
    return (
        ReplicationInterest.objects.visible_to(user, Action.VIEW)
        .filter(best_practice=practice)
        .select_related("institution", "institution__country", "requested_by")
        .prefetch_related("institution__translations")
        .order_by("-created_at", "-id")
    )


def replication_interest_get_for_user(
    *, user: Viewer, pk: int, action: str = Action.VIEW
) -> ReplicationInterest:
    return get_for_user(
        ReplicationInterest.objects.select_related("best_practice", "institution"),
        user=user,
        action=action,
        pk=pk,
        not_found=_("Unknown interest in replicating."),
        refused=_("Only the authors of the best practice and the Secretariat track this."),
        code="not_your_institution",
    )


def publication_list(*, user: Viewer, kind: str | None = None) -> QuerySet[Publication]:
    qs = Publication.objects.visible_to(user, Action.VIEW).with_translations()
    if kind:
        qs = qs.filter(kind=kind)
    return qs


def publication_get_for_user(*, user: Viewer, pk: int) -> Publication:
    try:
        return Publication.objects.visible_to(user, Action.VIEW).with_translations().get(pk=pk)
    except Publication.DoesNotExist:
        raise NotFound(_("Unknown publication.")) from None


def publication_file_get_for_user(*, user: Viewer, pk: int, language: str) -> PublicationFile:
    """A language version of a publication, to whoever may see the publication (members-only
    files stay with the members)."""
    publication = publication_get_for_user(user=user, pk=pk)
    for version in publication.files.all():
        if version.language == language:
            return version
    raise NotFound(_("This publication has no version in that language."))


def sme_definition_list() -> QuerySet[SmeDefinition]:
    return SmeDefinition.objects.select_related("country").prefetch_related("country__translations")
