"""The services directory: what each member agency offers SMEs, for whom, and how to apply."""

from __future__ import annotations

from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from parler.managers import TranslatableManager
from parler.models import TranslatableModel, TranslatedFields
from simple_history import register
from simple_history.models import HistoricalRecords

from smenet.common.models import TimeStampedModel, VersionedModel
from smenet.knowledge.validators import language_code
from smenet.registry.models import Institution

from .choices import CostKind, CrossBorder, FacetKind, ReviewStatus, ServiceStatus
from .querysets import ServiceQuerySet
from .reference import category_choices

#: The translatable texts of a service, in display order.
TEXT_FIELDS = ("title", "summary", "details", "documents", "regions", "cost_note", "conditions")


class Service(TranslatableModel, TimeStampedModel, VersionedModel):
    ref = models.CharField(
        _("external reference"),
        max_length=100,
        unique=True,
        null=True,
        blank=True,
        help_text=_("The reference given at import, such as kobia-consulting."),
    )
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        related_name="sme_services",
    )
    category = models.CharField(_("category"), max_length=40, choices=category_choices)
    original_language = models.CharField(
        _("original language"), max_length=8, default="en", validators=[language_code]
    )
    # Eligibility: lists of codes; an empty list means "all" (the facets say so explicitly).
    sizes = models.JSONField(_("size classes"), default=list, blank=True)
    sectors = models.JSONField(_("sectors (ISIC Rev. 4 sections)"), default=list, blank=True)
    stages = models.JSONField(_("stages"), default=list, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    online = models.BooleanField(_("online"), default=False)
    in_person = models.BooleanField(_("in person"), default=False)
    cost = models.CharField(_("cost"), max_length=12, choices=CostKind.choices, blank=True)
    cost_amount = models.DecimalField(
        _("amount"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    cost_currency = models.CharField(_("currency"), max_length=3, blank=True)
    apply_url = models.URLField(_("where to apply"), max_length=500, blank=True)
    apply_email = models.EmailField(_("contact e-mail"), blank=True)
    apply_phone = models.CharField(_("contact telephone"), max_length=40, blank=True)
    response_days = models.PositiveSmallIntegerField(
        _("typical time to an answer, in days"), null=True, blank=True
    )
    cross_border = models.CharField(
        _("open to SMEs of other member states"),
        max_length=12,
        choices=CrossBorder.choices,
        default=CrossBorder.NO,
        blank=True,
        help_text=_("Empty when the source does not say."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ServiceStatus.choices, default=ServiceStatus.ACTIVE
    )
    review_status = models.CharField(
        _("publication"), max_length=12, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT
    )
    review_comment = models.TextField(_("review comments"), blank=True)
    changed_since_review = models.BooleanField(
        _("changed since the Secretariat's review"), default=False
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    last_confirmed = models.DateField(
        _("last confirmed current"),
        null=True,
        blank=True,
        help_text=_("The day a focal point last confirmed the service is current."),
    )
    unconfirmed_since = models.DateField(
        _("flagged as unconfirmed on"), null=True, blank=True, db_index=True
    )
    reminded_at = models.DateTimeField(_("focal points reminded at"), null=True, blank=True)
    source_url = models.URLField(_("source"), max_length=500, blank=True)
    source_note = models.CharField(
        _("source (citation)"),
        max_length=300,
        blank=True,
        help_text=_("Where the facts come from when it is not a web page, such as a news item."),
    )
    is_sample = models.BooleanField(
        _("sample data"), default=False, help_text=_("Illustrative demo content, not real data.")
    )
    translations = TranslatedFields(
        title=models.CharField(_("title"), max_length=300),
        summary=models.TextField(_("summary"), blank=True),
        details=models.TextField(_("details"), blank=True),
        documents=models.TextField(_("documents needed"), blank=True),
        regions=models.CharField(_("regions served"), max_length=300, blank=True),
        cost_note=models.CharField(_("about the cost"), max_length=300, blank=True),
        conditions=models.TextField(_("conditions for SMEs of other member states"), blank=True),
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = TranslatableManager.from_queryset(ServiceQuerySet)()

    class Meta:
        verbose_name = _("SME service")
        verbose_name_plural = _("SME services")
        ordering = ["-last_confirmed", "-id"]
        indexes = [
            # The directory's default order (freshest first) straight from an index.
            models.Index(fields=["review_status", "status", "last_confirmed", "id"]),
            models.Index(fields=["institution", "status"]),
        ]

    def __str__(self) -> str:
        return self.safe_translation_getter("title", any_language=True) or self.ref or "?"

    def get_absolute_url(self) -> str:
        return reverse("services_directory:detail", kwargs={"pk": self.pk})


class ServiceFacet(models.Model):
    """One eligibility or language value of a service, for filtering on both databases (the
    lists on ``Service`` are for reading). Written only by the services, with the service."""

    service = models.ForeignKey(
        Service, verbose_name=_("SME service"), on_delete=models.CASCADE, related_name="facets"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=FacetKind.choices)
    value = models.CharField(_("value"), max_length=12)

    class Meta:
        verbose_name = _("service facet")
        verbose_name_plural = _("service facets")
        constraints = [
            models.UniqueConstraint(fields=["service", "kind", "value"], name="service_facet_once")
        ]
        indexes = [models.Index(fields=["kind", "value", "service"])]

    def __str__(self) -> str:
        return f"{self.service_id} {self.kind}={self.value}"


register(Service.translations.field.model)
