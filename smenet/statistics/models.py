"""SME statistics: indicators, observations with their provenance and revisions, imports, data
rounds and the figures member states submit in them (see docs/decisions, statistics)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from parler.managers import TranslatableManager
from parler.models import TranslatableModel, TranslatedFields
from simple_history.models import HistoricalRecords

from smenet.common.models import TimeStampedModel, VersionedModel
from smenet.registry.models import Country

from .choices import (
    Aggregation,
    Category,
    Direction,
    ImportState,
    ObsStatus,
    Qualifier,
    RoundStatus,
    SubmissionStatus,
    Unit,
)
from .querysets import (
    DataRoundQuerySet,
    IndicatorQuerySet,
    ObservationQuerySet,
    SubmissionQuerySet,
)

CODE_VALIDATOR = RegexValidator(
    r"^[A-Z][A-Z0-9_]{0,49}$",
    _("Capital letters, digits and underscores, starting with a letter (an SDMX code)."),
)


class Indicator(TranslatableModel, TimeStampedModel):
    code = models.CharField(_("code"), max_length=50, unique=True, validators=[CODE_VALIDATOR])
    unit = models.CharField(_("unit"), max_length=8, choices=Unit.choices)
    unit_multiplier = models.SmallIntegerField(
        _("unit multiplier"),
        default=0,
        help_text=_("Power of ten the values are expressed in: 0 for units, 6 for millions."),
    )
    decimals = models.PositiveSmallIntegerField(_("decimals shown"), default=1)
    category = models.CharField(
        _("category"), max_length=16, choices=Category.choices, default=Category.OTHER
    )
    direction = models.CharField(
        _("preferred direction"), max_length=8, choices=Direction.choices, default=Direction.NEUTRAL
    )
    aggregation = models.CharField(
        _("aggregation over member states"),
        max_length=8,
        choices=Aggregation.choices,
        default=Aggregation.MEDIAN,
    )
    min_value = models.FloatField(_("lowest acceptable value"), null=True, blank=True)
    max_value = models.FloatField(_("highest acceptable value"), null=True, blank=True)
    change_threshold = models.FloatField(
        _("year-on-year change asking for a comment (percent)"),
        null=True,
        blank=True,
        default=25,
    )
    default_source = models.URLField(_("default source"), max_length=500, blank=True)
    default_publisher = models.CharField(_("default publisher"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    is_sample = models.BooleanField(
        _("sample data"), default=False, help_text=_("Illustrative demo content, not real data.")
    )
    translations = TranslatedFields(
        name=models.CharField(_("name"), max_length=300),
        definition=models.TextField(_("definition"), blank=True),
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = TranslatableManager.from_queryset(IndicatorQuerySet)()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["order", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_value__isnull=True)
                | Q(max_value__isnull=True)
                | Q(min_value__lte=models.F("max_value")),
                name="indicator_range_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.safe_translation_getter("name", any_language=True) or self.code

    def get_absolute_url(self) -> str:
        return reverse("statistics:indicator", kwargs={"code": self.code})


class ImportBatch(TimeStampedModel):
    """One import of a file: what it was and what it changed (re-importing it changes nothing)."""

    file_name = models.CharField(_("file name"), max_length=300)
    format = models.CharField(_("format"), max_length=32)
    sha256 = models.CharField(_("SHA-256 of the file"), max_length=64)
    state = models.CharField(
        _("state"), max_length=8, choices=ImportState.choices, default=ImportState.RUNNING
    )
    records = models.PositiveIntegerField(_("records read"), default=0)
    created = models.PositiveIntegerField(_("observations added"), default=0)
    revised = models.PositiveIntegerField(_("observations revised"), default=0)
    unchanged = models.PositiveIntegerField(_("observations unchanged"), default=0)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("statistics import")
        verbose_name_plural = _("statistics imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.created_at:%Y-%m-%d %H:%M})"


class DataRound(TranslatableModel, TimeStampedModel, VersionedModel):
    """A call by the Secretariat for figures on some indicators and years."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    status = models.CharField(
        _("status"), max_length=8, choices=RoundStatus.choices, default=RoundStatus.DRAFT
    )
    indicators = models.ManyToManyField(
        Indicator, verbose_name=_("indicators"), related_name="rounds"
    )
    first_year = models.PositiveSmallIntegerField(_("first year"))
    last_year = models.PositiveSmallIntegerField(_("last year"))
    opens_on = models.DateField(_("opens on"), null=True, blank=True)
    deadline = models.DateField(_("deadline"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    is_sample = models.BooleanField(
        _("sample data"), default=False, help_text=_("Illustrative demo content, not real data.")
    )
    translations = TranslatedFields(
        title=models.CharField(_("title"), max_length=300),
        instructions=models.TextField(_("instructions"), blank=True),
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = TranslatableManager.from_queryset(DataRoundQuerySet)()

    class Meta:
        verbose_name = _("data round")
        verbose_name_plural = _("data rounds")
        ordering = ["-deadline", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(first_year__lte=models.F("last_year")), name="round_years_ordered"
            )
        ]

    def __str__(self) -> str:
        return self.safe_translation_getter("title", any_language=True) or self.code

    def get_absolute_url(self) -> str:
        return reverse("statistics:round", kwargs={"code": self.code})


class ProvenanceFields(models.Model):
    """What a figure says and where it comes from; shared by observations, their revisions and
    submitted figures."""

    value = models.FloatField(_("value"), null=True, blank=True)
    obs_status = models.CharField(
        _("observation status"), max_length=1, choices=ObsStatus.choices, default=ObsStatus.NORMAL
    )
    qualifier = models.CharField(
        _("qualifier"), max_length=8, choices=Qualifier.choices, default="", blank=True
    )
    source_url = models.URLField(_("source"), max_length=500, blank=True)
    source_publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    definition = models.ForeignKey(
        Country,
        verbose_name=_("national SME definition of"),
        help_text=_("The country whose national SME definition the figure was computed under."),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        abstract = True


class Observation(ProvenanceFields):
    """The current, verified value of an indicator for an area and period."""

    # Foreign keys without an index of their own where nothing filters by them (each index
    # costs every one of the half-million rows an import writes): the indicator is the first
    # column of the unique key and of obs_indicator_year; people, rounds and definitions are
    # only looked up from the observation, and their rare deletion may scan.
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        on_delete=models.PROTECT,
        related_name="observations",
        db_index=False,
    )
    ref_area = models.CharField(_("reference area"), max_length=16)
    period = models.CharField(_("period"), max_length=7)
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"), default=0)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    import_batch = models.ForeignKey(
        ImportBatch,
        verbose_name=_("last written by the import"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    round = models.ForeignKey(
        DataRound,
        verbose_name=_("data round"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    definition = models.ForeignKey(
        Country,
        verbose_name=_("national SME definition of"),
        help_text=_("The country whose national SME definition the figure was computed under."),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    is_sample = models.BooleanField(_("sample data"), default=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ObservationQuerySet.as_manager()

    class Meta:
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        ordering = ["indicator_id", "ref_area", "year", "quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "ref_area", "period"], name="observation_unique_key"
            ),
            models.CheckConstraint(
                condition=Q(value__isnull=False) | Q(obs_status=ObsStatus.MISSING),
                name="observation_value_or_missing",
            ),
        ]
        indexes = [
            models.Index(fields=["indicator", "year"], name="obs_indicator_year"),
            models.Index(fields=["ref_area", "indicator"], name="obs_area_indicator"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.ref_area} {self.period}"


class ObservationRevision(ProvenanceFields):
    """An earlier value of an observation, kept when it was revised."""

    observation = models.ForeignKey(
        Observation,
        verbose_name=_("observation"),
        on_delete=models.PROTECT,
        related_name="revisions",
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    previous_batch = models.ForeignKey(
        ImportBatch,
        verbose_name=_("written by the import"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revised_at = models.DateTimeField(_("revised at"), auto_now_add=True)
    revised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revised by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revised_in = models.ForeignKey(
        ImportBatch,
        verbose_name=_("revised by the import"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="revisions",
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("revision of an observation")
        verbose_name_plural = _("revisions of observations")
        ordering = ["observation_id", "-revised_at", "-id"]

    def __str__(self) -> str:
        return f"{self.observation_id} @ {self.revised_at:%Y-%m-%d}"


class Submission(ProvenanceFields, TimeStampedModel, VersionedModel):
    """A figure a member state's focal point submits; it becomes (or revises) an observation
    only when the Secretariat verifies it."""

    round = models.ForeignKey(
        DataRound,
        verbose_name=_("data round"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="submissions",
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="submissions"
    )
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="+"
    )
    period = models.CharField(_("period"), max_length=7)
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"), default=0)
    comment = models.TextField(
        _("comment"), blank=True, help_text=_("Explains a large change from the previous year.")
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=SubmissionStatus.choices,
        default=SubmissionStatus.SUBMITTED,
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_comment = models.TextField(_("comment of the Secretariat"), blank=True)
    observation = models.ForeignKey(
        Observation,
        verbose_name=_("observation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("submitted figure")
        verbose_name_plural = _("submitted figures")
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "country", "period"],
                condition=Q(status__in=["submitted", "returned"]),
                name="submission_one_pending",
            ),
            models.CheckConstraint(
                condition=Q(value__isnull=False) | Q(obs_status=ObsStatus.MISSING),
                name="submission_value_or_missing",
            ),
        ]
        indexes = [models.Index(fields=["status", "country"], name="submission_status_country")]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.country_id} {self.period} ({self.status})"

    @property
    def ref_area(self) -> str:
        return self.country.iso3


class RoundReminder(models.Model):
    round = models.ForeignKey(
        DataRound, verbose_name=_("data round"), on_delete=models.CASCADE, related_name="reminders"
    )
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.CASCADE, related_name="+"
    )
    recipients = models.JSONField(_("recipients"), default=list)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return f"{self.round_id} → {self.country_id}"
