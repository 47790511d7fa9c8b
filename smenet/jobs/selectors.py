from __future__ import annotations

from django.utils.translation import gettext as _

from smenet.common.errors import NotFound
from smenet.registry.types import Viewer

from .models import Job


def job_get_for_user(*, user: Viewer, pk: int) -> Job:
    """The job, to its owner and the Secretariat; 404 to anyone else (ADR 0007)."""
    job = Job.objects.visible_to(user).filter(pk=pk).first()
    if job is None:
        raise NotFound(_("Unknown job."))
    return job


def job_reusable(*, key: str) -> Job | None:
    """The latest job that did or is doing the same work (same ``key``). One that failed is
    shown for a minute (its message), then the work may be tried again; one whose result file
    was deleted after the retention period is done again."""
    import datetime

    from django.utils import timezone

    from .choices import JobStatus

    job = Job.objects.filter(key=key).order_by("-pk").first()
    if job is not None and job.files_pruned_at is not None:
        return None  # its result was deleted after the retention period: do the work again
    if job is not None and job.status == JobStatus.FAILED:
        if (job.finished_at or job.updated_at) < timezone.now() - datetime.timedelta(minutes=1):
            return None
    return job


def job_title(job: Job) -> str:
    """The job's title in the active language, composed now by its kind's titler (names
    isolated, so that an English file name in an Arabic title keeps its order); the title
    stored when the job started when the kind has none or its objects are gone."""
    from django.core.exceptions import ObjectDoesNotExist

    from .services import TITLES

    titler = TITLES.get(job.kind)
    if titler is not None:
        try:
            return titler(job)
        except (ObjectDoesNotExist, KeyError, TypeError, ValueError):
            pass
    return job.title
