from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from parler.managers import TranslatableManager
from parler.models import TranslatableModel, TranslatedFields
from simple_history import register
from simple_history.models import HistoricalRecords

from smenet.common.models import TimeStampedModel
from smenet.common.translation import translated
from smenet.registry.models import Institution, Region

from .choices import BodyKind, DecisionKind, PositionKind, VotingMethod
from .querysets import MandateQuerySet


class Body(TranslatableModel, TimeStampedModel):
    """An organ of the network: General Assembly, Bureau, Secretariat, a task force."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=BodyKind.choices)
    term_years = models.PositiveSmallIntegerField(
        _("term in years"),
        null=True,
        blank=True,
        help_text=_("Empty: mandates have no fixed term."),
    )
    established_on = models.DateField(_("established on"), null=True, blank=True)
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("display order"), default=0)
    translations = TranslatedFields(
        name=models.CharField(_("name"), max_length=200),
        description=models.TextField(_("description"), blank=True),
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = TranslatableManager()

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.safe_translation_getter("name", any_language=True) or self.code


class Position(TranslatableModel):
    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="positions"
    )
    code = models.SlugField(_("code"), max_length=80)
    kind = models.CharField(_("kind"), max_length=20, choices=PositionKind.choices)
    region = models.ForeignKey(
        Region,
        verbose_name=_("OIC region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="positions",
    )
    seats = models.PositiveSmallIntegerField(
        _("seats"), default=1, help_text=_("How many holders the position has at the same time.")
    )
    order = models.PositiveSmallIntegerField(_("display order"), default=0)
    translations = TranslatedFields(title=models.CharField(_("title"), max_length=200, blank=True))

    objects = TranslatableManager()

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["body", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["body", "code"], name="position_code_unique_in_body"),
            models.CheckConstraint(condition=Q(seats__gte=1), name="position_has_a_seat"),
        ]

    def __str__(self) -> str:
        title = translated(self, "title")
        if title:
            return title
        label = str(self.get_kind_display())
        if self.region_id:
            return _("%(position)s (%(region)s region)") % {
                "position": label,
                "region": self.region,
            }
        return label

    @property
    def single_holder(self) -> bool:
        return self.seats == 1


class Decision(TranslatableModel, TimeStampedModel):
    """A decision of a body: who decided what, when, where, and how."""

    reference = models.CharField(_("reference"), max_length=60, unique=True)
    body = models.ForeignKey(
        Body, verbose_name=_("decided by"), on_delete=models.PROTECT, related_name="decisions"
    )
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=20, choices=DecisionKind.choices)
    voting = models.CharField(_("how it was taken"), max_length=16, choices=VotingMethod.choices)
    votes_for = models.PositiveIntegerField(_("votes for"), null=True, blank=True)
    votes_against = models.PositiveIntegerField(_("votes against"), null=True, blank=True)
    abstentions = models.PositiveIntegerField(_("abstentions"), null=True, blank=True)
    proposed_by = models.ForeignKey(
        Institution,
        verbose_name=_("proposed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposed_decisions",
    )
    source_url = models.URLField(_("source"), blank=True, max_length=500)
    is_sample = models.BooleanField(_("sample data"), default=False)
    translations = TranslatedFields(
        title=models.CharField(_("title"), max_length=300),
        text=models.TextField(_("text"), blank=True),
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = TranslatableManager()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-date", "reference"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(voting="vote")
                | (Q(votes_for__isnull=False) & Q(votes_against__isnull=False)),
                name="decision_vote_has_counts",
            ),
        ]

    def __str__(self) -> str:
        return self.safe_translation_getter("title", any_language=True) or self.reference

    def get_absolute_url(self) -> str:
        return reverse("governance:overview") + f"#decision-{self.pk}"


class Mandate(TimeStampedModel):
    """An institution holding a position for a term. ``exclusive`` mirrors a single-seat position
    so that the database itself can refuse overlapping terms (see the migration's constraint)."""

    position = models.ForeignKey(
        Position, verbose_name=_("position"), on_delete=models.PROTECT, related_name="mandates"
    )
    holder = models.ForeignKey(
        Institution, verbose_name=_("holder"), on_delete=models.PROTECT, related_name="mandates"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("represented by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mandates",
    )
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), null=True, blank=True)
    exclusive = models.BooleanField(_("single holder"), default=True, editable=False)
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("decision"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mandates",
    )
    ended_early_reason = models.CharField(_("reason for ending early"), max_length=300, blank=True)
    is_sample = models.BooleanField(_("sample data"), default=False)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = MandateQuerySet.as_manager()

    class Meta:
        verbose_name = _("mandate")
        verbose_name_plural = _("mandates")
        ordering = ["position__body__order", "position__order", "-start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="mandate_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.holder} — {self.position} ({self.start}–{self.end or '…'})"

    def is_current(self, on: datetime.date) -> bool:
        return self.start <= on and (self.end is None or self.end >= on)


register(Body.translations.field.model)
register(Decision.translations.field.model)
