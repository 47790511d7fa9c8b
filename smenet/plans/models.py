"""Models of the action plan: plans, numbered versions, the item tree, comments, reporting."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from parler.managers import TranslatableManager
from parler.models import TranslatableModel, TranslatedFields
from simple_history.models import HistoricalRecords

from smenet.common.models import TimeStampedModel, VersionedModel
from smenet.registry.models import Institution

from .choices import (
    EvidenceKind,
    PlanStatus,
    ProgressStatus,
    ReportStatus,
    RoundStatus,
    VersionStatus,
)
from .querysets import (
    EvidenceQuerySet,
    ItemCommentQuerySet,
    PlanItemQuerySet,
    PlanQuerySet,
    PlanVersionQuerySet,
    ReportQuerySet,
    RoundQuerySet,
)


class Plan(TranslatableModel, TimeStampedModel):
    code = models.SlugField(_("code"), max_length=60, unique=True)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    status = models.CharField(
        _("status"), max_length=16, choices=PlanStatus.choices, default=PlanStatus.DRAFTING
    )
    max_depth = models.PositiveSmallIntegerField(
        _("depth of the item tree"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("3: objectives, outcomes, actions."),
    )
    is_sample = models.BooleanField(_("sample data"), default=False)
    translations = TranslatedFields(
        title=models.CharField(_("title"), max_length=300),
        description=models.TextField(_("description"), blank=True),
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = TranslatableManager.from_queryset(PlanQuerySet)()

    class Meta:
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        ordering = ["-period_start", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gt=models.F("period_start")), name="plan_period_order"
            )
        ]

    def __str__(self) -> str:
        return self.safe_translation_getter("title", any_language=True) or self.code

    def get_absolute_url(self) -> str:
        return reverse("plans:detail", kwargs={"code": self.code})


class PlanVersion(TimeStampedModel):
    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("number"))
    status = models.CharField(
        _("status"), max_length=16, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    based_on = models.ForeignKey(
        "self",
        verbose_name=_("based on"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decision = models.ForeignKey(
        "governance.Decision",
        verbose_name=_("adopted by decision"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plan_versions",
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
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = PlanVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("plan version")
        verbose_name_plural = _("plan versions")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="plan_version_number_unique"),
            models.UniqueConstraint(
                fields=["plan"],
                condition=Q(status="adopted"),
                name="plan_one_adopted_version",
            ),
            models.CheckConstraint(
                condition=~Q(status="adopted") | Q(decision__isnull=False),
                name="plan_adopted_version_has_decision",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan.code} v{self.number}"

    @property
    def is_frozen(self) -> bool:
        return self.status != VersionStatus.DRAFT


class PlanSubject(models.Model):
    """A subject code from ``taxonomy/data/subjects.csv`` (names are read from the file)."""

    code = models.SlugField(_("code"), max_length=60, unique=True)

    class Meta:
        verbose_name = _("subject")
        verbose_name_plural = _("subjects")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code


class PlanItem(TranslatableModel, TimeStampedModel, VersionedModel):
    """An objective, outcome or action (by depth). ``key`` identifies the same item across
    versions, so that versions can be compared and reports follow an item."""

    plan_version = models.ForeignKey(
        PlanVersion, verbose_name=_("plan version"), on_delete=models.CASCADE, related_name="items"
    )
    key = models.CharField(_("key"), max_length=32, editable=False)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
    )
    depth = models.PositiveSmallIntegerField(_("level"), default=1)
    order = models.PositiveIntegerField(_("order"), default=1)
    lead = models.ForeignKey(
        Institution,
        verbose_name=_("lead institution"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_plan_items",
    )
    partners = models.ManyToManyField(
        Institution, verbose_name=_("partner institutions"), blank=True, related_name="+"
    )
    subjects = models.ManyToManyField(
        PlanSubject, verbose_name=_("subjects"), blank=True, related_name="items"
    )
    start = models.DateField(_("start"), null=True, blank=True)
    end = models.DateField(_("end"), null=True, blank=True)
    budget = models.DecimalField(
        _("budget"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(_("currency"), max_length=3, blank=True, default="USD")
    funding_source = models.CharField(_("funding source"), max_length=200, blank=True)
    weight = models.DecimalField(
        _("weight"),
        max_digits=6,
        decimal_places=2,
        default=1,
        validators=[MinValueValidator(0)],
        help_text=_("Share of this item in its parent's progress."),
    )
    # The latest validated progress (written only by report validation, never by drafting).
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ProgressStatus.choices,
        default=ProgressStatus.NOT_STARTED,
    )
    percent = models.PositiveSmallIntegerField(
        _("percent complete"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    translations = TranslatedFields(
        title=models.CharField(_("title"), max_length=500),
        description=models.TextField(_("description"), blank=True),
    )

    objects = TranslatableManager.from_queryset(PlanItemQuerySet)()

    class Meta:
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")
        ordering = ["plan_version", "depth", "order"]
        constraints = [
            models.UniqueConstraint(fields=["plan_version", "key"], name="plan_item_key_unique"),
            models.CheckConstraint(
                condition=Q(end__isnull=True)
                | Q(start__isnull=True)
                | Q(end__gte=models.F("start")),
                name="plan_item_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.safe_translation_getter("title", any_language=True) or self.key


class ItemRevision(models.Model):
    """A snapshot of an item after each save: the history, and the base of conflict messages."""

    item = models.ForeignKey(
        PlanItem, verbose_name=_("item"), on_delete=models.CASCADE, related_name="revisions"
    )
    version = models.PositiveIntegerField(_("version"))
    data = models.JSONField(_("data"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("item revision")
        verbose_name_plural = _("item revisions")
        ordering = ["item", "version"]
        constraints = [
            models.UniqueConstraint(fields=["item", "version"], name="item_revision_unique")
        ]

    def __str__(self) -> str:
        return f"{self.item_id} v{self.version}"


class Indicator(TranslatableModel):
    item = models.ForeignKey(
        PlanItem, verbose_name=_("item"), on_delete=models.CASCADE, related_name="indicators"
    )
    key = models.CharField(_("key"), max_length=32, editable=False)
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    baseline = models.DecimalField(
        _("baseline"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2)
    target_date = models.DateField(_("target date"), null=True, blank=True)
    actual = models.DecimalField(
        _("latest actual"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    actual_on = models.DateField(_("actual as of"), null=True, blank=True)
    translations = TranslatedFields(name=models.CharField(_("name"), max_length=300))

    objects = TranslatableManager()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["item", "order", "id"]

    def __str__(self) -> str:
        return self.safe_translation_getter("name", any_language=True) or self.key

    @property
    def achievement(self) -> float | None:
        """Share of the way from baseline to target reached by the latest actual (0–1)."""
        if self.actual is None:
            return None
        base = self.baseline or 0
        span = self.target - base
        if span == 0:
            return 1.0 if self.actual >= self.target else 0.0
        return max(0.0, min(1.0, float((self.actual - base) / span)))


class ItemComment(TimeStampedModel):
    item = models.ForeignKey(
        PlanItem, verbose_name=_("item"), on_delete=models.PROTECT, related_name="comments"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("in reply to"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    body = models.TextField(_("comment"), max_length=5000)
    resolved = models.BooleanField(_("resolved"), default=False)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    objects = ItemCommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["item", "created_at", "id"]

    def __str__(self) -> str:
        return self.body[:60]


class ReportingRound(TimeStampedModel):
    plan_version = models.ForeignKey(
        PlanVersion,
        verbose_name=_("plan version"),
        on_delete=models.PROTECT,
        related_name="rounds",
    )
    label = models.CharField(_("label"), max_length=120)
    opens_on = models.DateField(_("opens on"))
    deadline = models.DateField(_("deadline"))
    status = models.CharField(
        _("status"), max_length=8, choices=RoundStatus.choices, default=RoundStatus.OPEN
    )
    reminder_days = models.CharField(
        _("reminders (days before the deadline)"), max_length=40, default="7,1"
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    is_sample = models.BooleanField(_("sample data"), default=False)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = RoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("reporting round")
        verbose_name_plural = _("reporting rounds")
        ordering = ["-deadline", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(deadline__gte=models.F("opens_on")), name="round_deadline_after_open"
            )
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def reminder_offsets(self) -> list[int]:
        return sorted(
            {int(x) for x in self.reminder_days.split(",") if x.strip().isdigit()}, reverse=True
        )


class ProgressReport(TimeStampedModel, VersionedModel):
    round = models.ForeignKey(
        ReportingRound, verbose_name=_("round"), on_delete=models.PROTECT, related_name="reports"
    )
    item = models.ForeignKey(
        PlanItem, verbose_name=_("item"), on_delete=models.PROTECT, related_name="reports"
    )
    status = models.CharField(
        _("report status"), max_length=12, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    progress_status = models.CharField(_("status"), max_length=16, choices=ProgressStatus.choices)
    percent = models.PositiveSmallIntegerField(
        _("percent complete"), validators=[MaxValueValidator(100)]
    )
    narrative = models.TextField(_("narrative"), blank=True, max_length=10000)
    language = models.CharField(_("language"), max_length=8, default="en")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_comment = models.TextField(_("Secretariat's comment"), blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["round", "item__depth", "item__order"]
        constraints = [
            models.UniqueConstraint(fields=["round", "item"], name="report_one_per_item_and_round")
        ]

    def __str__(self) -> str:
        return f"{self.round} · {self.item_id}"


class IndicatorActual(models.Model):
    report = models.ForeignKey(
        ProgressReport, verbose_name=_("report"), on_delete=models.CASCADE, related_name="actuals"
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="actuals"
    )
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)

    class Meta:
        verbose_name = _("indicator actual")
        verbose_name_plural = _("indicator actuals")
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="actual_once_per_report")
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id}: {self.value}"


def evidence_path(instance: Evidence, filename: str) -> str:
    return f"plans/evidence/{instance.report.round_id}/{instance.report_id}/{filename}"


class Evidence(TimeStampedModel):
    report = models.ForeignKey(
        ProgressReport, verbose_name=_("report"), on_delete=models.CASCADE, related_name="evidence"
    )
    kind = models.CharField(_("kind"), max_length=8, choices=EvidenceKind.choices)
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=evidence_path, blank=True, max_length=300)
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    size = models.PositiveIntegerField(_("size in bytes"), null=True, blank=True)
    url = models.URLField(_("link"), blank=True, max_length=500)

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["report", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="file") & ~Q(file="")) | (Q(kind="link") & ~Q(url="")),
                name="evidence_has_file_or_link",
            )
        ]

    def __str__(self) -> str:
        return self.title


class ReminderLog(models.Model):
    """What the reminder task sent, to whom and when; also keeps it from sending twice."""

    round = models.ForeignKey(
        ReportingRound, verbose_name=_("round"), on_delete=models.CASCADE, related_name="reminders"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    email = models.EmailField(_("e-mail address"))
    days_before = models.SmallIntegerField(_("days before the deadline"))
    pending_items = models.PositiveIntegerField(_("items still to report"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["round", "sent_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "recipient", "days_before"], name="reminder_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} ({self.days_before})"
