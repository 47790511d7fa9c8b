"""Models of the knowledge hub: best practices, publications, national SME definitions."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from parler.managers import TranslatableManager
from parler.models import TranslatableModel, TranslatedFields
from simple_history.models import HistoricalRecords

from smenet.common.models import TimeStampedModel, VersionedModel
from smenet.registry.models import Country, Institution

from .choices import (
    AttachmentKind,
    Confidentiality,
    InterestStatus,
    PracticeStatus,
    PublicationKind,
    SizeClass,
)
from .querysets import BestPracticeQuerySet, PublicationQuerySet, ReplicationInterestQuerySet
from .validators import language_code, validate_upload

#: The fixed template of a best practice, in display order (all translatable).
TEMPLATE_FIELDS = ("summary", "problem", "approach", "results", "lessons", "replication", "body")


class BestPractice(TranslatableModel, TimeStampedModel, VersionedModel):
    ref = models.CharField(
        _("external reference"),
        max_length=100,
        unique=True,
        null=True,
        blank=True,
        help_text=_("The reference given at import, such as bp-0001."),
    )
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="best_practices"
    )
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        related_name="best_practices",
        null=True,
        blank=True,
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    original_language = models.CharField(
        _("original language"), max_length=8, default="en", validators=[language_code]
    )
    status = models.CharField(
        _("status"), max_length=16, choices=PracticeStatus.choices, default=PracticeStatus.DRAFT
    )
    review_comment = models.TextField(_("review comments"), blank=True)
    contact = models.CharField(_("contact"), max_length=300, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    is_sample = models.BooleanField(
        _("sample data"), default=False, help_text=_("Illustrative demo content, not real data.")
    )
    translations = TranslatedFields(
        title=models.CharField(_("title"), max_length=300),
        summary=models.TextField(_("summary"), blank=True),
        problem=models.TextField(_("problem addressed"), blank=True),
        approach=models.TextField(_("approach"), blank=True),
        results=models.TextField(_("results, with figures"), blank=True),
        lessons=models.TextField(_("lessons learned"), blank=True),
        replication=models.TextField(_("how to replicate"), blank=True),
        body=models.TextField(_("full text"), blank=True),
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = TranslatableManager.from_queryset(BestPracticeQuerySet)()

    class Meta:
        verbose_name = _("best practice")
        verbose_name_plural = _("best practices")
        ordering = ["-year", "-id"]
        indexes = [models.Index(fields=["status", "country"])]

    def __str__(self) -> str:
        return self.safe_translation_getter("title", any_language=True) or self.ref or "?"

    def get_absolute_url(self) -> str:
        return reverse("knowledge:practice-detail", kwargs={"pk": self.pk})


class BestPracticeSubject(models.Model):
    """A subject code of the taxonomy (validated against the subjects CSV by the services)."""

    best_practice = models.ForeignKey(
        BestPractice,
        verbose_name=_("best practice"),
        on_delete=models.CASCADE,
        related_name="subjects",
    )
    code = models.CharField(_("subject"), max_length=64)

    class Meta:
        verbose_name = _("subject of a best practice")
        verbose_name_plural = _("subjects of best practices")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["best_practice", "code"], name="bp_subject_unique")
        ]

    def __str__(self) -> str:
        return self.code


class BestPracticeLink(models.Model):
    best_practice = models.ForeignKey(
        BestPractice,
        verbose_name=_("best practice"),
        on_delete=models.CASCADE,
        related_name="links",
    )
    url = models.URLField(_("address"), max_length=500)
    label = models.CharField(_("label"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("link")
        verbose_name_plural = _("links")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.label or self.url


class BestPracticeAttachment(TimeStampedModel):
    best_practice = models.ForeignKey(
        BestPractice,
        verbose_name=_("best practice"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    kind = models.CharField(
        _("type"), max_length=16, choices=AttachmentKind.choices, default=AttachmentKind.DOCUMENT
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    file = models.FileField(
        _("file"), upload_to="best-practices/%Y/", validators=[validate_upload], max_length=300
    )
    language = models.CharField(_("language"), max_length=8, blank=True, validators=[language_code])

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title or self.file.name or ""


class ReplicationInterest(TimeStampedModel):
    """An institution's request to replicate a best practice, tracked by the Secretariat."""

    best_practice = models.ForeignKey(
        BestPractice,
        verbose_name=_("best practice"),
        on_delete=models.PROTECT,
        related_name="interests",
    )
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("interested institution"),
        on_delete=models.PROTECT,
        related_name="replication_interests",
    )
    requested_by = models.ForeignKey(
        "registry.User",
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    message = models.TextField(_("message"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=InterestStatus.choices, default=InterestStatus.NEW
    )

    objects = ReplicationInterestQuerySet.as_manager()

    class Meta:
        verbose_name = _("interest in replicating")
        verbose_name_plural = _("interests in replicating")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["best_practice", "institution"], name="bp_interest_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.institution_id} → {self.best_practice_id}"


class Publication(TranslatableModel, TimeStampedModel):
    ref = models.CharField(
        _("external reference"), max_length=100, unique=True, null=True, blank=True
    )
    kind = models.CharField(
        _("type"), max_length=16, choices=PublicationKind.choices, default=PublicationKind.REPORT
    )
    date = models.DateField(_("date"))
    confidentiality = models.CharField(
        _("confidentiality"),
        max_length=16,
        choices=Confidentiality.choices,
        default=Confidentiality.PUBLIC,
    )
    original_language = models.CharField(
        _("original language"), max_length=8, default="en", validators=[language_code]
    )
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        related_name="publications",
        null=True,
        blank=True,
    )
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        related_name="publications",
        null=True,
        blank=True,
    )
    source_url = models.URLField(_("source"), max_length=500, blank=True)
    is_sample = models.BooleanField(
        _("sample data"), default=False, help_text=_("Illustrative demo content, not real data.")
    )
    translations = TranslatedFields(
        title=models.CharField(_("title"), max_length=300),
        summary=models.TextField(_("summary"), blank=True),
        body=models.TextField(_("full text"), blank=True),
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = TranslatableManager.from_queryset(PublicationQuerySet)()

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return self.safe_translation_getter("title", any_language=True) or self.ref or "?"

    def get_absolute_url(self) -> str:
        return reverse("knowledge:publication-detail", kwargs={"pk": self.pk})


class PublicationFile(TimeStampedModel):
    """One language version of a publication."""

    publication = models.ForeignKey(
        Publication, verbose_name=_("publication"), on_delete=models.CASCADE, related_name="files"
    )
    language = models.CharField(_("language"), max_length=8, validators=[language_code])
    file = models.FileField(
        _("file"), upload_to="publications/%Y/", validators=[validate_upload], max_length=300
    )

    class Meta:
        verbose_name = _("language version")
        verbose_name_plural = _("language versions")
        ordering = ["language"]
        constraints = [
            models.UniqueConstraint(fields=["publication", "language"], name="pub_file_lang_unique")
        ]

    def __str__(self) -> str:
        return f"{self.publication_id} {self.language}"


class SmeDefinition(models.Model):
    """One size class of a country's national SME definition, with its source."""

    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.CASCADE,
        related_name="sme_definitions",
    )
    size_class = models.CharField(_("size class"), max_length=16, choices=SizeClass.choices)
    max_employees = models.PositiveIntegerField(_("employees, at most"), null=True, blank=True)
    max_turnover = models.DecimalField(
        _("turnover, at most"), max_digits=18, decimal_places=2, null=True, blank=True
    )
    max_assets = models.DecimalField(
        _("assets, at most"), max_digits=18, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    other_criterion = models.CharField(_("other criteria"), max_length=300, blank=True)
    legal_source = models.URLField(_("legal source"), max_length=500, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)

    class Meta:
        verbose_name = _("national SME definition")
        verbose_name_plural = _("national SME definitions")
        ordering = ["country__iso3", "max_employees"]
        constraints = [
            models.UniqueConstraint(fields=["country", "size_class"], name="sme_def_unique")
        ]

    def __str__(self) -> str:
        return f"{self.country_id} {self.size_class}"
