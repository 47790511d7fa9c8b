"""Meetings and what hangs off them: agenda, participation, official documents, minutes, and the
decision register with its follow-up actions.

Governance's ``Decision`` knows nothing about meetings (that would make the two apps depend on
each other, decision 0017): ``MeetingDecision`` says at which meeting and under which agenda item
a decision was taken and its number in that meeting's register; follow-up actions hang off
the decision. Both are written only through ``events.services``, which records the decision
itself through ``governance.services.decision_record``.

Times are stored in UTC and carry the venue's IANA time zone (``Meeting.time_zone``), so a
meeting in Baku is shown as 10:00 Baku time wherever the visitor is (decision 0027).
"""

from __future__ import annotations

import datetime
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from parler.managers import TranslatableManager
from parler.models import TranslatableModel, TranslatedFields
from simple_history import register
from simple_history.models import HistoricalRecords

from smenet.common.models import TimeStampedModel, VersionedModel

from .choices import (
    ActionStatus,
    AdoptionMethod,
    AgendaStatus,
    Audience,
    DocumentKind,
    InvitationStatus,
    MeetingKind,
    MeetingMode,
    MeetingStatus,
    MinutesStatus,
    ParticipantStatus,
)
from .querysets import (
    DocumentQuerySet,
    FollowUpActionQuerySet,
    MeetingDecisionQuerySet,
    MeetingQuerySet,
    ParticipantQuerySet,
)


def validate_time_zone(value: str) -> None:
    """An IANA zone name such as ``Asia/Baku``; abbreviations and offsets are refused."""
    if not value or value != value.strip() or "/" not in value and value != "UTC":
        raise ValidationError(
            _("“%(value)s” is not a time zone name; use one like Asia/Baku or Europe/Istanbul."),
            code="invalid_time_zone",
            params={"value": value},
        )
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValidationError(
            _("“%(value)s” is not a time zone name; use one like Asia/Baku or Europe/Istanbul."),
            code="invalid_time_zone",
            params={"value": value},
        ) from None


class Meeting(TranslatableModel, TimeStampedModel, VersionedModel):
    """A meeting of a body, or a standalone event (workshop, webinar, training session)."""

    code = models.SlugField(_("code"), max_length=80, unique=True)
    kind = models.CharField(
        _("type"), max_length=16, choices=MeetingKind.choices, default=MeetingKind.STATUTORY
    )
    body = models.ForeignKey(
        "governance.Body",
        verbose_name=_("body"),
        on_delete=models.PROTECT,
        related_name="meetings",
        null=True,
        blank=True,
    )
    number = models.PositiveSmallIntegerField(
        _("session number"),
        null=True,
        blank=True,
        help_text=_("The body's session number in the year; used in document symbols."),
    )
    mode = models.CharField(
        _("mode"), max_length=12, choices=MeetingMode.choices, default=MeetingMode.IN_PERSON
    )
    join_url = models.URLField(
        _("join link"),
        blank=True,
        max_length=500,
        help_text=_("Shown only to registered participants."),
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = models.ForeignKey(
        "registry.Country",
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
    )
    time_zone = models.CharField(
        _("time zone of the venue"),
        max_length=64,
        default="UTC",
        validators=[validate_time_zone],
        help_text=_("An IANA name such as Asia/Baku."),
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    all_day = models.BooleanField(
        _("whole days"),
        default=False,
        help_text=_("The hours are not known or not relevant: shown and exported as dates."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    status_reason = models.TextField(_("reason"), blank=True, max_length=2000)
    postponed_from = models.DateTimeField(_("originally planned for"), null=True, blank=True)
    audience = models.CharField(
        _("who may see it"), max_length=12, choices=Audience.choices, default=Audience.PUBLIC
    )
    registration_open = models.BooleanField(
        _("open registration"),
        default=False,
        help_text=_("Anyone may register (webinars, open workshops), not only invited delegates."),
    )
    quota_per_institution = models.PositiveSmallIntegerField(
        _("delegates per institution"), default=2
    )
    capacity = models.PositiveIntegerField(_("places"), null=True, blank=True)
    #: RFC 5545 SEQUENCE: bumped on every change a calendar client must notice.
    sequence = models.PositiveIntegerField(_("calendar sequence"), default=0, editable=False)
    source_url = models.URLField(_("source"), blank=True, max_length=500)
    is_sample = models.BooleanField(_("sample data"), default=False)
    translations = TranslatedFields(
        title=models.CharField(_("title"), max_length=300),
        description=models.TextField(_("description"), blank=True, max_length=20000),
        venue=models.CharField(_("venue"), max_length=300, blank=True),
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = TranslatableManager.from_queryset(MeetingQuerySet)()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-start"]
        indexes = [models.Index(fields=["start"]), models.Index(fields=["body", "start"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")), name="meeting_end_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.safe_translation_getter("title", any_language=True) or self.code

    def get_absolute_url(self) -> str:
        return reverse("events:meeting", kwargs={"code": self.code})

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def local_start(self) -> datetime.datetime:
        return self.start.astimezone(self.zone)

    @property
    def local_end(self) -> datetime.datetime:
        return self.end.astimezone(self.zone)

    @property
    def is_cancelled(self) -> bool:
        return self.status == MeetingStatus.CANCELLED


class AgendaItem(TranslatableModel, TimeStampedModel):
    """An item of a meeting's agenda; sub-items have a parent. Its identity stays across agenda
    versions, so decisions recorded under it keep pointing at it."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="agenda_items"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent item"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    starts_at = models.DateTimeField(_("from"), null=True, blank=True)
    ends_at = models.DateTimeField(_("until"), null=True, blank=True)
    presenters = models.ManyToManyField(
        "registry.Institution",
        verbose_name=_("presenting institutions"),
        blank=True,
        related_name="+",
    )
    presenter_names = models.CharField(_("presenters"), max_length=300, blank=True)
    documents = models.ManyToManyField(
        "events.Document", verbose_name=_("documents"), blank=True, related_name="agenda_items"
    )
    plan_items = models.ManyToManyField(
        "plans.PlanItem",
        verbose_name=_("action-plan items"),
        blank=True,
        related_name="agenda_items",
    )
    translations = TranslatedFields(
        title=models.CharField(_("title"), max_length=500),
        description=models.TextField(_("description"), blank=True, max_length=5000),
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = TranslatableManager()

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True)
                | Q(starts_at__isnull=True)
                | Q(ends_at__gt=models.F("starts_at")),
                name="agenda_slot_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.safe_translation_getter("title", any_language=True) or str(self.pk)


class AgendaVersion(models.Model):
    """A numbered state of the agenda: draft, circulated to participants, final. Circulating or
    finalising keeps a snapshot of the items as they were."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="agenda_versions"
    )
    number = models.PositiveSmallIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=12, choices=AgendaStatus.choices, default=AgendaStatus.DRAFT
    )
    snapshot = models.JSONField(_("items"), default=list, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("agenda version")
        verbose_name_plural = _("agenda versions")
        ordering = ["meeting", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="agenda_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id} v{self.number}"


class Invitation(TimeStampedModel):
    """The Secretariat invites an institution, which may then nominate up to ``quota`` delegates."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="invitations"
    )
    institution = models.ForeignKey(
        "registry.Institution",
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        related_name="meeting_invitations",
    )
    quota = models.PositiveSmallIntegerField(_("delegates allowed"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=InvitationStatus.choices,
        default=InvitationStatus.INVITED,
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["meeting", "institution__acronym"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "institution"], name="invitation_unique")
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id} → {self.institution_id}"


class Participant(TimeStampedModel, VersionedModel):
    """A delegate nominated by an invited institution, or a person who registered for an open
    event; approved by the Secretariat; attendance recorded afterwards."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="participants"
    )
    institution = models.ForeignKey(
        "registry.Institution",
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meeting_participants",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meeting_participations",
    )
    full_name = models.CharField(_("full name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    function = models.CharField(_("function"), max_length=200, blank=True)
    organisation = models.CharField(
        _("organisation"), max_length=200, blank=True, help_text=_("For open registrations.")
    )
    nationality = models.ForeignKey(
        "registry.Country",
        verbose_name=_("nationality"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    passport_number = models.CharField(_("passport number"), max_length=30, blank=True)
    language = models.CharField(_("language of correspondence"), max_length=8, default="en")
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ParticipantStatus.choices,
        default=ParticipantStatus.NOMINATED,
    )
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("nominated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["meeting", "institution__acronym", "full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "email"], name="participant_once_per_meeting"
            )
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def counts_against_quota(self) -> bool:
        return self.status in (ParticipantStatus.NOMINATED, ParticipantStatus.APPROVED)


class SymbolRule(models.Model):
    """How a body's documents are numbered: ``SMENET/GA/2025/1/DOC.3`` for the third working
    paper of the General Assembly's first session of 2025."""

    body = models.OneToOneField(
        "governance.Body",
        verbose_name=_("body"),
        on_delete=models.PROTECT,
        related_name="symbol_rule",
    )
    prefix = models.CharField(
        _("symbol of the body"), max_length=20, help_text=_("For example GA or BUR.")
    )
    pattern = models.CharField(
        _("pattern"),
        max_length=120,
        default="SMENET/{body}/{year}/{session}/{kind}.{n}",
        help_text=_("Placeholders: {body}, {year}, {session}, {kind}, {n}."),
    )

    class Meta:
        verbose_name = _("document symbol rule")
        verbose_name_plural = _("document symbol rules")

    def __str__(self) -> str:
        return self.prefix


class Document(TranslatableModel, TimeStampedModel):
    """An official document of a meeting, one symbol for all its language versions."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="documents"
    )
    symbol = models.CharField(_("symbol"), max_length=120, unique=True)
    kind = models.CharField(_("type"), max_length=16, choices=DocumentKind.choices)
    audience = models.CharField(
        _("confidentiality"), max_length=12, choices=Audience.choices, default=Audience.PUBLIC
    )
    original_language = models.CharField(_("original language"), max_length=8, default="en")
    is_sample = models.BooleanField(_("sample data"), default=False)
    translations = TranslatedFields(title=models.CharField(_("title"), max_length=500))
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = TranslatableManager.from_queryset(DocumentQuerySet)()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["meeting", "symbol"]

    def __str__(self) -> str:
        return self.symbol


class DocumentFile(models.Model):
    """One language version of a document. Replacing it keeps the old file (``replaced_at``)."""

    document = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.PROTECT, related_name="files"
    )
    language = models.CharField(_("language"), max_length=8)
    file = models.FileField(_("file"), upload_to="meetings/documents/%Y/")
    content_type = models.CharField(_("type"), max_length=100, blank=True)
    size = models.PositiveIntegerField(_("size"), default=0)
    text = models.TextField(_("text"), blank=True, help_text=_("For search."))
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    replaced_at = models.DateTimeField(_("replaced at"), null=True, blank=True)

    class Meta:
        verbose_name = _("language version")
        verbose_name_plural = _("language versions")
        ordering = ["document", "language", "-uploaded_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "language"],
                condition=Q(replaced_at__isnull=True),
                name="document_one_current_file_per_language",
            )
        ]

    def __str__(self) -> str:
        return f"{self.document_id} [{self.language}]"


class Minutes(TimeStampedModel, VersionedModel):
    """The record of a meeting: drafted → circulated for comments until a deadline → adopted (at
    a meeting, or by silence procedure) → published. Frozen once adopted."""

    meeting = models.OneToOneField(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="minutes"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=MinutesStatus.choices, default=MinutesStatus.DRAFT
    )
    language = models.CharField(_("language"), max_length=8, default="en")
    text = models.TextField(_("text"), max_length=200000)
    comment_deadline = models.DateTimeField(_("comments until"), null=True, blank=True)
    circulated_at = models.DateTimeField(_("circulated at"), null=True, blank=True)
    adoption_method = models.CharField(
        _("adopted how"), max_length=12, choices=AdoptionMethod.choices, blank=True
    )
    adopted_at = models.DateTimeField(_("adopted at"), null=True, blank=True)
    adopted_by_meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("adopted at the meeting"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])
    #: The reason django-simple-history records with the next version saved (set by services).
    _change_reason: str

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")

    def __str__(self) -> str:
        return f"{self.meeting_id} ({self.status})"


class MinutesRevision(models.Model):
    """Every text the minutes had: each circulated or revised version is kept."""

    minutes = models.ForeignKey(
        Minutes, verbose_name=_("minutes"), on_delete=models.PROTECT, related_name="revisions"
    )
    number = models.PositiveSmallIntegerField(_("revision"))
    text = models.TextField(_("text"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("revision of the minutes")
        verbose_name_plural = _("revisions of the minutes")
        ordering = ["minutes", "number"]
        constraints = [
            models.UniqueConstraint(fields=["minutes", "number"], name="minutes_revision_unique")
        ]

    def __str__(self) -> str:
        return f"{self.minutes_id} r{self.number}"


class MinutesComment(models.Model):
    """A participant's comment on circulated minutes; an objection stops the silence procedure."""

    minutes = models.ForeignKey(
        Minutes, verbose_name=_("minutes"), on_delete=models.PROTECT, related_name="comments"
    )
    revision = models.PositiveSmallIntegerField(_("on revision"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    institution = models.ForeignKey(
        "registry.Institution",
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    text = models.TextField(_("comment"), max_length=10000)
    is_objection = models.BooleanField(_("objection"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("comment on the minutes")
        verbose_name_plural = _("comments on the minutes")
        ordering = ["minutes", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.minutes_id}: {self.text[:40]}"


class MeetingDecision(models.Model):
    """A decision in the register of the meeting that took it (decision 0017: the link lives in
    events, above governance): its number in that meeting's register, the agenda item it was
    taken under, and the action-plan items it creates or changes."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="decision_links"
    )
    decision = models.OneToOneField(
        "governance.Decision",
        verbose_name=_("decision"),
        on_delete=models.PROTECT,
        related_name="meeting_link",
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decision_links",
    )
    number = models.PositiveSmallIntegerField(_("number in the register"))
    plan_items = models.ManyToManyField(
        "plans.PlanItem", verbose_name=_("action-plan items"), blank=True, related_name="decisions"
    )
    history = HistoricalRecords(m2m_fields=[plan_items])

    objects = MeetingDecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("decision taken at a meeting")
        verbose_name_plural = _("decisions taken at meetings")
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="register_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.meeting} — {self.decision}"


class FollowUpAction(TranslatableModel, TimeStampedModel, VersionedModel):
    """What a decision asks someone to do, by when."""

    decision = models.ForeignKey(
        "governance.Decision",
        verbose_name=_("decision"),
        on_delete=models.PROTECT,
        related_name="follow_up_actions",
    )
    owner = models.ForeignKey(
        "registry.Institution",
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="follow_up_actions",
    )
    due_on = models.DateField(_("due"))
    status = models.CharField(
        _("status"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    plan_items = models.ManyToManyField(
        "plans.PlanItem",
        verbose_name=_("action-plan items"),
        blank=True,
        related_name="follow_up_actions",
    )
    translations = TranslatedFields(
        title=models.CharField(_("action"), max_length=500),
        note=models.TextField(_("note"), blank=True, max_length=5000),
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = TranslatableManager.from_queryset(FollowUpActionQuerySet)()

    class Meta:
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.safe_translation_getter("title", any_language=True) or str(self.pk)

    def is_overdue(self, today: datetime.date) -> bool:
        return self.due_on < today and self.status in (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


class CalendarToken(models.Model):
    """The secret in a person's private calendar address. Revoking it keeps the row, so that a
    client still using the old address is told the address was revoked."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="calendar_tokens",
    )
    token = models.CharField(_("token"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("calendar address")
        verbose_name_plural = _("calendar addresses")
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(revoked_at__isnull=True),
                name="one_live_calendar_token",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} ({'revoked' if self.revoked_at else 'live'})"


class ReminderLog(models.Model):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(_("kind"), max_length=20)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    recipients = models.JSONField(_("recipients"), default=list)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return f"{self.meeting_id} {self.kind}"


register(Meeting.translations.field.model)
register(FollowUpAction.translations.field.model)
