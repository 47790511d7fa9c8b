"""The statistics app's long work, run by the task worker as a job (``smenet.jobs``, decision
0020): importing a file uploaded on the import page. A file of half a million figures takes
about a minute; the person who sent it follows the job's progress page meanwhile."""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext as _

from smenet.common.errors import PermissionDenied, ValidationFailed
from smenet.common.formatting import isolate
from smenet.jobs.models import Job
from smenet.jobs.services import Outcome, Progress, register, register_title

from .importer import ImportFailed, import_statistics_data

IMPORT = "statistics.import"


@register(IMPORT)
def run_import(job: Job, progress: Progress) -> Outcome:
    """All or nothing, like ``smenet import statistics``; safe to run again (re-importing the
    same file changes nothing), so a retried job finishes what its first attempt began."""
    if job.owner is None:  # the account was deleted meanwhile: nobody to act for
        raise PermissionDenied(_("The person who started this import no longer has an account."))
    name = Path(job.params.get("name") or job.input.name or "").name
    with job.input.open("rb") as handle:
        content = handle.read()
    try:
        result = import_statistics_data(content, name=name, actor=job.owner, progress=progress)
    except ImportFailed as exc:
        raise ValidationFailed({name: exc.errors}) from None
    return Outcome(
        message=_(
            "Read %(records)s observations: %(created)s new, %(revised)s revised, %(unchanged)s unchanged."
        )
        % {
            "records": result.records,
            "created": result.created,
            "revised": result.revised,
            "unchanged": result.unchanged,
        }
    )


@register_title(IMPORT)
def import_title(job: Job) -> str:
    """The job's title in the reader's language (``jobs.selectors.job_title``)."""
    return _("Import of %(name)s into the SME statistics") % {"name": isolate(job.params["name"])}
