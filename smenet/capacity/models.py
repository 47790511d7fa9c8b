"""Capacity building: questionnaire cycles and answers, matching runs and proposals,
activities with their lifecycle, nominations, evaluations and reports."""

from __future__ import annotations

import datetime
import zoneinfo

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from parler.managers import TranslatableManager
from parler.models import TranslatableModel, TranslatedFields
from simple_history.models import HistoricalRecords

from smenet.common.models import TimeStampedModel, VersionedModel
from smenet.common.translation import translated
from smenet.registry.models import Institution
from smenet.taxonomy.models import Subject

from .choices import (
    ActivityStatus,
    CycleStatus,
    Format,
    FundingSource,
    Gender,
    NominationStatus,
    ProposalStatus,
    ResponseStatus,
)
from .querysets import (
    ActivityQuerySet,
    CycleQuerySet,
    MatchingRunQuerySet,
    NominationQuerySet,
    ProposalQuerySet,
    ResponseQuerySet,
)

LEVEL = [MinValueValidator(0), MaxValueValidator(3)]


class ActivityType(TranslatableModel):
    code = models.SlugField(_("code"), max_length=60, unique=True)
    order = models.PositiveSmallIntegerField(_("display order"), default=0)
    translations = TranslatedFields(name=models.CharField(_("name"), max_length=200))

    objects = TranslatableManager()

    class Meta:
        verbose_name = _("activity type")
        verbose_name_plural = _("activity types")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return translated(self, "name") or self.code


class Cycle(TranslatableModel, TimeStampedModel):
    """A needs-and-capacities questionnaire round, such as "2026"."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    status = models.CharField(
        _("status"), max_length=12, choices=CycleStatus.choices, default=CycleStatus.DRAFT
    )
    is_sample = models.BooleanField(_("sample data"), default=False)
    translations = TranslatedFields(
        title=models.CharField(_("title"), max_length=200),
        instructions=models.TextField(_("instructions"), blank=True),
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = TranslatableManager.from_queryset(CycleQuerySet)()

    class Meta:
        verbose_name = _("questionnaire cycle")
        verbose_name_plural = _("questionnaire cycles")
        ordering = ["-opens_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")), name="cycle_closes_after_opening"
            )
        ]

    def __str__(self) -> str:
        return translated(self, "title") or self.code

    def get_absolute_url(self) -> str:
        return reverse("capacity:cycle-dashboard", kwargs={"code": self.code})


class Response(TimeStampedModel, VersionedModel):
    """One institution's answers in a cycle; saved partially, then submitted and signed off."""

    cycle = models.ForeignKey(
        Cycle, verbose_name=_("cycle"), on_delete=models.PROTECT, related_name="responses"
    )
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        related_name="questionnaire_responses",
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ResponseStatus.choices,
        default=ResponseStatus.NOT_STARTED,
    )
    languages = models.JSONField(_("working languages"), default=list, blank=True)
    max_received = models.PositiveSmallIntegerField(
        _("most activities to receive"),
        null=True,
        blank=True,
        help_text=_("Empty: no limit."),
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    signed_off_at = models.DateTimeField(_("signed off at"), null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed off by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reopened = models.BooleanField(
        _("reopened by the Secretariat"),
        default=False,
        help_text=_("Lets the institution change its answers after the deadline."),
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = ResponseQuerySet.as_manager()

    class Meta:
        verbose_name = _("questionnaire response")
        verbose_name_plural = _("questionnaire responses")
        ordering = ["cycle", "institution__acronym"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "institution"], name="one_response_per_cycle")
        ]

    def __str__(self) -> str:
        return f"{self.institution} — {self.cycle.code}"


class Answer(models.Model):
    """Need and capacity of one institution in one subject."""

    response = models.ForeignKey(
        Response, verbose_name=_("response"), on_delete=models.CASCADE, related_name="answers"
    )
    subject = models.ForeignKey(
        Subject, verbose_name=_("subject"), on_delete=models.PROTECT, related_name="answers"
    )
    need = models.PositiveSmallIntegerField(_("need (0–3)"), default=0, validators=LEVEL)
    desired_level = models.PositiveSmallIntegerField(
        _("desired level (0–3)"), default=0, validators=LEVEL
    )
    preferred_formats = models.JSONField(_("preferred formats"), default=list, blank=True)
    capacity_level = models.PositiveSmallIntegerField(
        _("capacity level (0–3)"), default=0, validators=LEVEL
    )
    capacity_formats = models.JSONField(_("formats it can deliver"), default=list, blank=True)
    delivery_languages = models.JSONField(_("languages of delivery"), default=list, blank=True)
    max_activities = models.PositiveSmallIntegerField(_("most activities in the cycle"), default=0)
    max_participants = models.PositiveSmallIntegerField(
        _("most participants"), null=True, blank=True
    )
    cost_sharing = models.CharField(_("cost-sharing"), max_length=300, blank=True)
    contact_expert = models.CharField(_("contact expert"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["response", "subject__order"]
        constraints = [
            models.UniqueConstraint(fields=["response", "subject"], name="one_answer_per_subject"),
            models.CheckConstraint(condition=Q(need__lte=3), name="answer_need_range"),
            models.CheckConstraint(condition=Q(capacity_level__lte=3), name="answer_level_range"),
            models.CheckConstraint(condition=Q(desired_level__lte=3), name="answer_desired_range"),
        ]

    def __str__(self) -> str:
        return f"{self.response_id}/{self.subject_id}"


class ReminderLog(models.Model):
    cycle = models.ForeignKey(
        Cycle, verbose_name=_("cycle"), on_delete=models.CASCADE, related_name="reminders"
    )
    institution = models.ForeignKey(
        Institution, verbose_name=_("institution"), on_delete=models.CASCADE, related_name="+"
    )
    recipients = models.JSONField(_("recipients"), default=list)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return f"{self.cycle_id}/{self.institution_id} {self.sent_at:%Y-%m-%d}"


class MatchingRun(TimeStampedModel):
    """One run of the matching engine: its input, parameters and output, kept for review."""

    cycle = models.ForeignKey(
        Cycle,
        verbose_name=_("cycle"),
        on_delete=models.PROTECT,
        related_name="matching_runs",
        null=True,
        blank=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("run by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    parameters = models.JSONField(_("parameters"), default=dict)
    input = models.JSONField(_("input"))
    output = models.JSONField(_("output"))
    total_score = models.PositiveIntegerField(_("total score"), default=0)

    objects = MatchingRunQuerySet.as_manager()

    class Meta:
        verbose_name = _("matching run")
        verbose_name_plural = _("matching runs")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.cycle_id} #{self.pk}"


class Proposal(models.Model):
    run = models.ForeignKey(
        MatchingRun,
        verbose_name=_("matching run"),
        on_delete=models.CASCADE,
        related_name="proposals",
    )
    provider = models.ForeignKey(
        Institution, verbose_name=_("provider"), on_delete=models.PROTECT, related_name="+"
    )
    beneficiary = models.ForeignKey(
        Institution, verbose_name=_("beneficiary"), on_delete=models.PROTECT, related_name="+"
    )
    subject = models.ForeignKey(Subject, verbose_name=_("subject"), on_delete=models.PROTECT)
    score = models.PositiveSmallIntegerField(_("score"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ProposalStatus.choices,
        default=ProposalStatus.PROPOSED,
    )
    activity = models.ForeignKey(
        "Activity",
        verbose_name=_("activity"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
    )

    objects = ProposalQuerySet.as_manager()

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["run", "subject__order", "beneficiary__acronym"]

    def __str__(self) -> str:
        return f"{self.provider} → {self.beneficiary} ({self.subject_id})"


class Activity(TranslatableModel, TimeStampedModel, VersionedModel):
    reference = models.SlugField(_("reference"), max_length=40, unique=True)
    type = models.ForeignKey(
        ActivityType, verbose_name=_("type"), on_delete=models.PROTECT, related_name="activities"
    )
    subject = models.ForeignKey(
        Subject, verbose_name=_("subject"), on_delete=models.PROTECT, related_name="activities"
    )
    cycle = models.ForeignKey(
        Cycle,
        verbose_name=_("cycle"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
    )
    providers = models.ManyToManyField(
        Institution, verbose_name=_("providers"), related_name="activities_provided"
    )
    beneficiaries = models.ManyToManyField(
        Institution, verbose_name=_("beneficiaries"), related_name="activities_received"
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)
    format = models.CharField(
        _("format"), max_length=12, choices=Format.choices, default=Format.ONLINE
    )
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    online_link = models.URLField(_("online link"), blank=True, max_length=500)
    starts_at = models.DateTimeField(_("starts at"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    time_zone = models.CharField(_("time zone"), max_length=60, default="UTC")
    funding_source = models.CharField(
        _("funding source"),
        max_length=10,
        choices=FundingSource.choices,
        default=FundingSource.SESRIC,
    )
    participants_per_beneficiary = models.PositiveSmallIntegerField(
        _("participants per beneficiary institution"), default=3
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ActivityStatus.choices,
        default=ActivityStatus.PROPOSED,
    )
    status_reason = models.CharField(_("reason"), max_length=300, blank=True)
    is_sample = models.BooleanField(_("sample data"), default=False)
    translations = TranslatedFields(
        title=models.CharField(_("title"), max_length=300),
        description=models.TextField(_("description"), blank=True),
    )
    history = HistoricalRecords(
        excluded_fields=["updated_at"], m2m_fields=[providers, beneficiaries]
    )

    objects = TranslatableManager.from_queryset(ActivityQuerySet)()

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-starts_at", "reference"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True)
                | Q(starts_at__isnull=True)
                | Q(ends_at__gte=models.F("starts_at")),
                name="activity_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return translated(self, "title") or self.reference

    def get_absolute_url(self) -> str:
        return reverse("capacity:activity-detail", kwargs={"reference": self.reference})

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        try:
            return zoneinfo.ZoneInfo(self.time_zone or "UTC")
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo("UTC")

    @property
    def first_day(self) -> datetime.date | None:
        """The day it starts, in its own time zone (the calendar the participants live by)."""
        return self.starts_at.astimezone(self.zone).date() if self.starts_at else None

    @property
    def last_day(self) -> datetime.date | None:
        """The day it ends (its first day when no end is given), in its own time zone."""
        moment = self.ends_at or self.starts_at
        return moment.astimezone(self.zone).date() if moment else None

    def today(self, now: datetime.datetime | None = None) -> datetime.date:
        """Today where the activity takes place."""
        return (now or timezone.now()).astimezone(self.zone).date()


class ActivityConfirmation(models.Model):
    """A side's confirmation that it agrees to the activity (both sides → agreed)."""

    activity = models.ForeignKey(
        Activity,
        verbose_name=_("activity"),
        on_delete=models.PROTECT,
        related_name="confirmations",
    )
    institution = models.ForeignKey(
        Institution, verbose_name=_("institution"), on_delete=models.PROTECT, related_name="+"
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("confirmation")
        verbose_name_plural = _("confirmations")
        constraints = [
            models.UniqueConstraint(fields=["activity", "institution"], name="confirm_once")
        ]

    def __str__(self) -> str:
        return f"{self.activity_id}/{self.institution_id}"


class ActivityTransition(models.Model):
    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.PROTECT, related_name="transitions"
    )
    from_status = models.CharField(_("from"), max_length=20, choices=ActivityStatus.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=ActivityStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    reason = models.CharField(_("reason"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["activity", "at", "id"]

    def __str__(self) -> str:
        return f"{self.activity_id}: {self.from_status} → {self.to_status}"


class Nomination(TimeStampedModel):
    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.PROTECT, related_name="nominations"
    )
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    full_name = models.CharField(_("full name"), max_length=200)
    position = models.CharField(_("position"), max_length=200, blank=True)
    gender = models.CharField(_("gender"), max_length=12, choices=Gender.choices)
    email = models.EmailField(_("e-mail address"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=NominationStatus.choices,
        default=NominationStatus.NOMINATED,
    )
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("nominated by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )

    objects = NominationQuerySet.as_manager()

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["activity", "institution__acronym", "full_name"]
        constraints = [models.UniqueConstraint(fields=["activity", "email"], name="nominate_once")]

    def __str__(self) -> str:
        return self.full_name


class Evaluation(TimeStampedModel):
    nomination = models.OneToOneField(
        Nomination,
        verbose_name=_("participant"),
        on_delete=models.PROTECT,
        related_name="evaluation",
    )
    relevance = models.PositiveSmallIntegerField(
        _("relevance (1–5)"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    quality = models.PositiveSmallIntegerField(
        _("quality (1–5)"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    usefulness = models.PositiveSmallIntegerField(
        _("usefulness (1–5)"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comments = models.TextField(_("comments"), blank=True)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")

    def __str__(self) -> str:
        return f"{self.nomination_id}"


class ActivityReport(TimeStampedModel):
    activity = models.OneToOneField(
        Activity, verbose_name=_("activity"), on_delete=models.PROTECT, related_name="report"
    )
    outputs = models.TextField(_("outputs"))
    language = models.CharField(_("language"), max_length=8, default="en")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("activity report")
        verbose_name_plural = _("activity reports")

    def __str__(self) -> str:
        return f"{self.activity_id}"
