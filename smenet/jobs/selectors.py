from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from smenet.common.errors import NotFound

from .models import Job


def job_get_for_user(*, user: Any, pk: int) -> Job:
    """The job, to its owner and the Secretariat; 404 to anyone else (ADR 0007)."""
    job = Job.objects.visible_to(user).filter(pk=pk).first()
    if job is None:
        raise NotFound(_("Unknown job."))
    return job


def job_reusable(*, key: str) -> Job | None:
    """The latest job that did or is doing the same work (same ``key``), unless it failed."""
    from .choices import JobStatus

    return Job.objects.filter(key=key).exclude(status=JobStatus.FAILED).order_by("-pk").first()
