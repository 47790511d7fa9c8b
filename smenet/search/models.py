"""Models of the search app: one row per indexed object, for display and filtering.

The analysed terms themselves live in a back-end table created by the migrations: an FTS5
virtual table ``search_fts`` on SQLite, ``search_index_pg`` (tsvector + GIN) on PostgreSQL.
Both are keyed by ``backends.index_key(id, date)``: the row id under the document date.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .registry import VISIBILITIES


class SearchDocument(models.Model):
    type = models.CharField(_("type"), max_length=32)
    object_id = models.PositiveBigIntegerField(_("object"))
    ref = models.CharField(_("external reference"), max_length=100, null=True, blank=True)
    url = models.CharField(_("address"), max_length=300)
    titles = models.JSONField(_("titles"), default=dict)
    texts = models.JSONField(_("texts for excerpts"), default=dict)
    languages = models.CharField(_("languages"), max_length=100, blank=True)
    country = models.CharField(_("country"), max_length=3, blank=True)
    subjects = models.CharField(_("subjects"), max_length=500, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    visibility = models.CharField(
        _("visibility"), max_length=16, choices=[(v, v) for v in VISIBILITIES]
    )
    institution_id = models.BigIntegerField(_("owner institution"), null=True, blank=True)
    sample = models.BooleanField(_("sample data"), default=False)
    indexed_at = models.DateTimeField(_("indexed at"), auto_now=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [
            models.UniqueConstraint(fields=["type", "object_id"], name="search_doc_unique")
        ]

    def __str__(self) -> str:
        return f"{self.type}:{self.object_id}"
