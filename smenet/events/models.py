"""Meetings. The events app sits above governance: a meeting is held by a body and takes
decisions, so it points at governance and governance knows nothing of it (decision 0017)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from parler.managers import TranslatableManager
from parler.models import TranslatableModel, TranslatedFields
from simple_history.models import HistoricalRecords

from smenet.common.models import TimeStampedModel


class Meeting(TranslatableModel, TimeStampedModel):
    """A meeting of a body. Agenda, minutes and registration come with the events capability."""

    code = models.SlugField(_("code"), max_length=80, unique=True)
    body = models.ForeignKey(
        "governance.Body",
        verbose_name=_("body"),
        on_delete=models.PROTECT,
        related_name="meetings",
        null=True,
        blank=True,
    )
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), null=True, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = models.ForeignKey(
        "registry.Country",
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
    )
    source_url = models.URLField(_("source"), blank=True, max_length=500)
    translations = TranslatedFields(
        title=models.CharField(_("title"), max_length=300),
        description=models.TextField(_("description"), blank=True),
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = TranslatableManager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-start"]

    def __str__(self) -> str:
        return self.safe_translation_getter("title", any_language=True) or self.code


class MeetingDecision(models.Model):
    """A decision taken at a meeting (at most one meeting per decision). The meetings capability
    will hang agenda items and register numbers here."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="decision_links"
    )
    decision = models.OneToOneField(
        "governance.Decision",
        verbose_name=_("decision"),
        on_delete=models.PROTECT,
        related_name="meeting_link",
    )

    class Meta:
        verbose_name = _("decision taken at a meeting")
        verbose_name_plural = _("decisions taken at meetings")

    def __str__(self) -> str:
        return f"{self.meeting} — {self.decision}"
