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


class SearchVector(models.Model):
    """The sentence vector of an indexed object (semantic.py), keyed by the object rather than
    its search document row, so re-indexing does not throw the vector away; ``checksum`` says
    what text and model it was computed from."""

    type = models.CharField(_("type"), max_length=32)
    object_id = models.PositiveBigIntegerField(_("object"))
    model = models.CharField(_("model"), max_length=40)
    checksum = models.CharField(_("checksum"), max_length=40)
    vector = models.BinaryField(_("vector"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("search vector")
        verbose_name_plural = _("search vectors")
        constraints = [
            models.UniqueConstraint(fields=["type", "object_id"], name="search_vector_unique")
        ]
        # How many vectors of the model and the newest time, read from the index alone
        # (vectors.vector_index, after every write; a table scan was 110-170 ms at 200,000).
        indexes = [models.Index(fields=["model", "updated_at"], name="search_vector_model_time")]

    def __str__(self) -> str:
        return f"{self.type}:{self.object_id}"


class SearchVectorStamp(models.Model):
    """One row whose token changes, in the same transaction, with every write of vectors:
    each process compares it with the token of its in-memory copy (one look-up by key)
    instead of counting the stored vectors (110–170 ms at 200,000 on SQLite). A token, not
    a counter: a rolled-back write restores the previous token, never a repeated one."""

    token = models.CharField(_("token"), max_length=32)

    class Meta:
        verbose_name = _("search vector stamp")
        verbose_name_plural = _("search vector stamps")

    def __str__(self) -> str:
        return self.token


class SearchTerm(models.Model):
    """The index vocabulary with document counts (concept and filter tags left out), copied
    from the engine by the task worker after index changes: typo corrections and
    transliterations are looked up in it (expansion.py). The row with the empty term holds
    the copy's generation, so each process knows when to reload it with one look-up."""

    term = models.CharField(_("term"), max_length=100, primary_key=True)
    documents = models.PositiveIntegerField(_("documents"))

    class Meta:
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")

    def __str__(self) -> str:
        return self.term


class SearchIndexState(models.Model):
    """What analysis the stored index was built with (one row): the fingerprint of the
    analysis code's version and its data files (``indexing.analysis_fingerprint``). When it
    differs from the running code's, the index is re-analysed in the task worker
    (``services.reindex_if_stale``)."""

    analysis = models.CharField(_("analysis fingerprint"), max_length=64)
    built_at = models.DateTimeField(_("built at"))

    class Meta:
        verbose_name = _("search index state")
        verbose_name_plural = _("search index states")

    def __str__(self) -> str:
        return self.analysis
