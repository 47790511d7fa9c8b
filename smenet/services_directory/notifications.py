"""E-mail about services, to whoever acts next, each person in their own language.

Run by the task worker after the change is committed (``services._notify_after_commit``):
- submitted → the Secretariat (to publish it or return it);
- returned, published → the focal points of the service's institution;
- unconfirmed for a year → the focal points of the institution, one message listing them all.
Nothing is sent when the service has moved on meanwhile (published before the mail left).
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_supported_language_variant, override
from django.utils.translation import gettext as _

from smenet.common.notifications import send_mail
from smenet.registry import roles
from smenet.registry.choices import Role
from smenet.registry.models import Institution, User

from .choices import ReviewStatus, ServiceEvent
from .models import Service

logger = logging.getLogger(__name__)

_STILL = {
    ServiceEvent.SUBMITTED: ReviewStatus.SUBMITTED,
    ServiceEvent.RETURNED: ReviewStatus.RETURNED,
    ServiceEvent.PUBLISHED: ReviewStatus.PUBLISHED,
}


def _language_of(user: User) -> str:
    try:
        return get_supported_language_variant(user.language or settings.LANGUAGE_CODE)
    except LookupError:
        return settings.LANGUAGE_CODE


def _secretariat() -> list[User]:
    return list(
        User.objects.filter(is_active=True, role_assignments__role=Role.SECRETARIAT)
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


def _focal_points(institution_id: int) -> list[User]:
    return [u for u in roles.focal_points_of(institution_id) if (u.email or "").strip()]


def _title(service: Service, language: str) -> str:
    return (
        service.safe_translation_getter("title", language_code=language, any_language=True)
        or service.ref
        or "?"
    )


def _institution(institution: Institution, language: str) -> str:
    name = institution.safe_translation_getter("name", language_code=language, any_language=True)
    return f"{name} ({institution.acronym})" if name else institution.acronym


def _link(path: str, language: str) -> str:
    prefix = "" if language == settings.LANGUAGE_CODE else f"/{language}"
    return f"{settings.SITE_URL}{prefix}{path}"


def _message(event: ServiceEvent, user: User, language: str, **facts: str) -> tuple[str, str]:
    facts = {"name": user.full_name, **facts}
    if event == ServiceEvent.SUBMITTED:
        subject = _("A service was submitted for review")
        body = _(
            "Dear %(name)s,\n\n%(institution)s submitted the service “%(title)s” to the "
            "directory of SME services.\n\nPublish it or return it with comments: "
            "%(link)s\n\nOIC-SMENET"
        )
    elif event == ServiceEvent.RETURNED:
        subject = _("Your service was returned with comments")
        body = _(
            "Dear %(name)s,\n\nThe Secretariat returned the service “%(title)s” of "
            "%(institution)s with these comments:\n\n%(comment)s\n\nChange it and submit it "
            "again: %(link)s\n\nOIC-SMENET"
        )
    elif event == ServiceEvent.PUBLISHED:
        subject = _("Your service is published")
        body = _(
            "Dear %(name)s,\n\nThe Secretariat published the service “%(title)s” of "
            "%(institution)s in the directory of SME services: %(link)s\n\nOIC-SMENET"
        )
    else:
        subject = _("Please confirm your institution's services are current")
        body = _(
            "Dear %(name)s,\n\nNobody has confirmed for a year that these services of "
            "%(institution)s are still current:\n\n%(titles)s\n\nThey are marked as "
            "unconfirmed in the directory until a focal point confirms or changes them: "
            "%(link)s\n\nOIC-SMENET"
        )
    return subject, body % facts


def _send(user: User, subject: str, body: str, event: str, object_id: int) -> bool:
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
    except Exception:  # one refused address must not keep the others from their mail
        logger.exception("Notice %s of %s to user %s was not sent", event, object_id, user.pk)
        return False
    return True


def notify(*, event: str, object_id: int, ids: list[int] | None = None) -> int:
    """Send the messages of ``event``; ``object_id`` is the service's (the institution's for
    ``unconfirmed``, with the service ``ids``). Returns how many were sent."""
    event = ServiceEvent(event)
    if event == ServiceEvent.UNCONFIRMED:
        return _notify_unconfirmed(object_id, ids or [])
    service = Service.objects.select_related("institution").filter(pk=object_id).first()
    if service is None or service.review_status != _STILL[event]:
        return 0
    if event == ServiceEvent.SUBMITTED:
        recipients = _secretariat()
        path = reverse("services_directory:review-queue")
    else:
        recipients = _focal_points(service.institution_id)
        path = (
            reverse("services_directory:edit", kwargs={"pk": service.pk})
            if event == ServiceEvent.RETURNED
            else service.get_absolute_url()
        )
    sent = 0
    for user in recipients:
        language = _language_of(user)
        with override(language):
            subject, body = _message(
                event,
                user,
                language,
                title=_title(service, language),
                institution=_institution(service.institution, language),
                comment=service.review_comment,
                link=_link(path, language),
            )
        sent += _send(user, subject, body, event, object_id)
    return sent


def _notify_unconfirmed(institution_id: int, ids: list[int]) -> int:
    institution = Institution.objects.filter(pk=institution_id).first()
    services = list(
        Service.objects.filter(
            pk__in=ids, institution_id=institution_id, unconfirmed_since__isnull=False
        )
        .prefetch_related("translations")
        .order_by("pk")
    )
    if institution is None or not services:
        return 0
    sent = 0
    path = reverse("services_directory:mine")
    for user in _focal_points(institution_id):
        language = _language_of(user)
        with override(language):
            subject, body = _message(
                ServiceEvent.UNCONFIRMED,
                user,
                language,
                institution=_institution(institution, language),
                titles="\n".join(f"- {_title(s, language)}" for s in services),
                link=_link(path, language),
            )
        sent += _send(user, subject, body, ServiceEvent.UNCONFIRMED, institution_id)
    return sent
