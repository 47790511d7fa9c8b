"""The directory's long work, run by the task worker as a job (``smenet.jobs``, decision 0020):
importing a services file from the pages. The same importer as ``smenet import services``,
acting for the person who started it."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.utils.translation import gettext as _

from smenet.common.errors import PermissionDenied, ValidationFailed
from smenet.common.formatting import isolate
from smenet.jobs.models import Job
from smenet.jobs.services import Outcome, Progress, register, register_title

from .importer import ImportFailed, import_services

IMPORT = "services.import"


@register(IMPORT)
def run_import(job: Job, progress: Progress) -> Outcome:
    if job.owner is None:  # the account was deleted meanwhile: nobody to act for
        raise PermissionDenied(_("The person who started this import no longer has an account."))
    suffix = Path(job.params.get("name") or job.input.name or "").suffix.lower() or ".csv"
    with job.input.open("rb") as handle, tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"services{suffix}"
        path.write_bytes(handle.read())
        progress(0, 1)
        try:
            result = import_services(path, actor=job.owner)
        except ImportFailed as exc:
            raise ValidationFailed({"file": exc.errors}) from None
    progress(1, 1)
    return Outcome(
        message=_(
            "Read %(total)s services: %(created)s new, %(updated)s updated, "
            "%(unchanged)s unchanged."
        )
        % {
            "total": result.total,
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
        }
    )


@register_title(IMPORT)
def import_title(job: Job) -> str:
    """The job's title in the reader's language (``jobs.selectors.job_title``)."""
    return _("Import of %(name)s into the services directory") % {
        "name": isolate(job.params["name"])
    }
