"""News of the network: one article, an original language and translations (marked as such),
a summary, a body of sanitised rich text, an image with its alternative text, categories, links
to meetings and institutions; draft → scheduled → published by the Secretariat."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from parler.managers import TranslatableManager
from parler.models import TranslatableModel, TranslatedFields
from simple_history import register
from simple_history.models import HistoricalRecords

from smenet.common import uploads
from smenet.common.models import TimeStampedModel, VersionedModel

from .choices import NewsStatus
from .querysets import NewsQuerySet


class NewsCategory(TranslatableModel):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    translations = TranslatedFields(name=models.CharField(_("name"), max_length=100))

    objects = TranslatableManager()

    class Meta:
        verbose_name = _("news category")
        verbose_name_plural = _("news categories")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.safe_translation_getter("name", any_language=True) or self.code


class NewsArticle(TranslatableModel, TimeStampedModel, VersionedModel):
    slug = models.SlugField(_("address"), max_length=120, unique=True)
    status = models.CharField(
        _("status"), max_length=10, choices=NewsStatus.choices, default=NewsStatus.DRAFT
    )
    publish_at = models.DateTimeField(_("published on"), null=True, blank=True, db_index=True)
    original_language = models.CharField(_("original language"), max_length=8)
    image = models.ImageField(
        _("image"),
        upload_to="news/%Y/",
        blank=True,
        max_length=200,
        validators=[uploads.validate_image],
    )
    categories = models.ManyToManyField(
        NewsCategory, verbose_name=_("categories"), blank=True, related_name="articles"
    )
    meetings = models.ManyToManyField(
        "events.Meeting", verbose_name=_("meetings"), blank=True, related_name="news"
    )
    institutions = models.ManyToManyField(
        "registry.Institution", verbose_name=_("institutions"), blank=True, related_name="news"
    )
    source_url = models.URLField(_("source"), blank=True, max_length=500)
    is_sample = models.BooleanField(_("sample data"), default=False)
    translations = TranslatedFields(
        title=models.CharField(_("title"), max_length=300),
        summary=models.TextField(_("summary"), max_length=1000),
        body=models.TextField(_("text"), blank=True, max_length=100000),
        image_alt=models.CharField(_("image description"), max_length=300, blank=True),
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = TranslatableManager.from_queryset(NewsQuerySet)()

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")
        ordering = ["-publish_at", "-pk"]
        indexes = [models.Index(fields=["status", "publish_at"])]

    def __str__(self) -> str:
        return self.safe_translation_getter("title", any_language=True) or self.slug

    def get_absolute_url(self) -> str:
        return reverse("news:article", kwargs={"slug": self.slug})


register(NewsArticle.translations.field.model)
