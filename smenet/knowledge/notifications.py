"""E-mail notifications of the knowledge hub: who is told of a change to a best practice, and
what they read, in their own language. Services call :func:`practice_event_after_commit`; the
worker's task (``tasks.send_practice_notification``) calls :func:`best_practice_notify`."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils.translation import get_language, get_supported_language_variant, override
from django.utils.translation import gettext as _

from smenet.common.notifications import send_mail
from smenet.registry import roles
from smenet.registry.choices import Role
from smenet.registry.models import Country, Institution, User

from .choices import PracticeEvent, PracticeStatus
from .models import BestPractice, ReplicationInterest

logger = logging.getLogger(__name__)


def practice_event_after_commit(event: PracticeEvent, object_id: int) -> None:
    """Queue the e-mail once the change is committed (none for a rolled-back one). ``robust``:
    a failure to queue it is logged and never breaks the change, which is already saved."""
    from .tasks import send_practice_notification

    def enqueue() -> None:  # a function, not a partial: Django logs a failure by __qualname__
        send_practice_notification.enqueue(str(event), object_id)

    transaction.on_commit(enqueue, robust=True)


def _recipients(role: str, institution_id: int | None = None) -> list[User]:
    """Active holders of ``role`` (at ``institution_id``) who have an e-mail address."""
    if role == Role.FOCAL_POINT:
        if institution_id is None:
            return []
        users: Iterable[User] = roles.focal_points_of(institution_id)
    else:
        users = (
            User.objects.filter(is_active=True, role_assignments__role=role)
            .distinct()
            .order_by("pk")
        )
    return [user for user in users if (user.email or "").strip()]


def _language_of(user: User) -> str:
    """The user's language when the site has it (links carry it as /ar/, /fr/), else English."""
    try:
        return get_supported_language_variant(user.language or settings.LANGUAGE_CODE)
    except LookupError:
        return settings.LANGUAGE_CODE


def _name_in(obj: Any, field: str, language: str) -> str:
    return obj.safe_translation_getter(field, language_code=language, any_language=True) or ""


def _institution_label(
    institution: Institution | None, country: Country | None, language: str
) -> str:
    if institution is None:
        assert country is not None  # a practice names its institution or its country
        return _name_in(country, "name", language) or country.iso3
    name = _name_in(institution, "name", language)
    return f"{name} ({institution.acronym})" if name else institution.acronym


def _practice_message(
    event: PracticeEvent,
    practice: BestPractice,
    interest: ReplicationInterest | None,
    user: User,
) -> tuple[str, str]:
    """Subject and body for ``user``, in the language active when called."""
    language = get_language() or "en"
    facts = {
        "name": user.full_name,
        "title": _name_in(practice, "title", language) or practice.ref or "?",
        "institution": _institution_label(practice.institution, practice.country, language),
    }
    if event == PracticeEvent.SUBMITTED:
        subject = _("A best practice was submitted for review")
        body = _(
            "Dear %(name)s,\n\n%(institution)s submitted the best practice “%(title)s” for "
            "review.\n\nPublish it or return it with comments: %(link)s\n\nOIC-SMENET"
        )
        link = reverse("knowledge:practice-review", kwargs={"pk": practice.pk})
    elif event == PracticeEvent.RETURNED:
        subject = _("Your best practice was returned with comments")
        body = _(
            "Dear %(name)s,\n\nThe Secretariat returned the best practice “%(title)s” of "
            "%(institution)s with these comments:\n\n%(comment)s\n\nChange it and submit it "
            "again: %(link)s\n\nOIC-SMENET"
        )
        facts["comment"] = practice.review_comment
        link = reverse("knowledge:practice-edit", kwargs={"pk": practice.pk})
    elif event == PracticeEvent.PUBLISHED:
        subject = _("Your best practice is published")
        body = _(
            "Dear %(name)s,\n\nThe Secretariat published the best practice “%(title)s” of "
            "%(institution)s in the knowledge hub: %(link)s\n\nOIC-SMENET"
        )
        link = practice.get_absolute_url()
    else:
        assert interest is not None
        interested = _institution_label(
            interest.institution, interest.institution.country, language
        )
        subject = _("%(interested)s would like to replicate your best practice") % {
            "interested": interested
        }
        body = _(
            "Dear %(name)s,\n\n%(interested)s would like to replicate the best practice "
            "“%(title)s” of %(institution)s. Their message:\n\n%(message)s\n\nAll requests, "
            "and where each stands: %(link)s\n\nOIC-SMENET"
        )
        facts["interested"] = interested
        facts["message"] = interest.message.strip() or _("(no message)")
        link = practice.get_absolute_url() + "#interests"
    return subject, body % {**facts, "link": settings.SITE_URL + link}


#: Who hears of each event, and in which status the practice must still be for it to matter.
_AUDIENCE = {
    PracticeEvent.SUBMITTED: (Role.SECRETARIAT, PracticeStatus.SUBMITTED),
    PracticeEvent.RETURNED: (Role.FOCAL_POINT, PracticeStatus.RETURNED),
    PracticeEvent.PUBLISHED: (Role.FOCAL_POINT, PracticeStatus.PUBLISHED),
    PracticeEvent.INTEREST: (Role.FOCAL_POINT, PracticeStatus.PUBLISHED),
}


def best_practice_notify(*, event: str, object_id: int) -> int:
    """E-mail the people who act next on a best practice, each in their own language: the
    Secretariat for a submission; the focal points of its institution when it is returned or
    published, or when another institution wants to replicate it (``object_id`` is then the
    interest's). Run by the task worker after commit; nothing when the object is gone or the
    practice has moved on meanwhile. Returns how many messages were sent."""
    event = PracticeEvent(event)
    role, status = _AUDIENCE[event]
    interest = None
    if event == PracticeEvent.INTEREST:
        interest = (
            ReplicationInterest.objects.select_related(
                "best_practice__institution", "best_practice__country", "institution__country"
            )
            .filter(pk=object_id)
            .first()
        )
        practice = interest.best_practice if interest else None
    else:
        practice = (
            BestPractice.objects.select_related("institution", "country")
            .filter(pk=object_id)
            .first()
        )
    if practice is None or practice.status != status:
        return 0
    sent = 0
    for user in _recipients(role, None if role == Role.SECRETARIAT else practice.institution_id):
        with override(_language_of(user)):
            subject, body = _practice_message(event, practice, interest, user)
        try:
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
        except Exception:  # one refused address must not keep the others from their mail
            logger.exception("Notice %s of %s to user %s was not sent", event, object_id, user.pk)
        else:
            sent += 1
    return sent
