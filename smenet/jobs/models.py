"""A long piece of work run by the task worker (an import, a big report), with its progress
and its result file, so that a request never waits for it (decision 0020)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from smenet.common.models import TimeStampedModel

from .choices import FINISHED, JobStatus
from .querysets import JobQuerySet


def job_path(instance: Job, filename: str) -> str:
    return f"jobs/{instance.created_at:%Y/%m}/{instance.pk}/{filename}"


class Job(TimeStampedModel):
    kind = models.CharField(_("kind"), max_length=40)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    language = models.CharField(_("language"), max_length=8, default="en")
    title = models.CharField(_("title"), max_length=300)
    key = models.CharField(
        _("key"),
        max_length=200,
        blank=True,
        db_index=True,
        help_text=_("Jobs doing the same work (the same report of the same data) share it."),
    )
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), null=True, blank=True)
    message = models.TextField(_("message"), blank=True)
    errors = models.JSONField(_("errors"), default=dict, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    input = models.FileField(_("input file"), upload_to=job_path, blank=True, max_length=300)
    result = models.FileField(_("result file"), upload_to=job_path, blank=True, max_length=300)
    result_name = models.CharField(_("result file name"), max_length=200, blank=True)
    result_type = models.CharField(_("result content type"), max_length=100, blank=True)
    return_url = models.CharField(_("back to"), max_length=300, blank=True)
    files_pruned_at = models.DateTimeField(
        _("files deleted at"),
        null=True,
        blank=True,
        help_text=_("When the input and result files were deleted after the retention period."),
    )
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("jobs:detail", kwargs={"pk": self.pk})

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED

    @property
    def percent(self) -> int:
        if self.status == JobStatus.SUCCEEDED:
            return 100
        if not self.total:
            return 0
        return min(100, int(100 * self.done / self.total))
