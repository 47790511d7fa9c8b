"""The plans app's long work, run by the task worker as jobs (``smenet.jobs``): importing a
plan file and generating the General Assembly report (decision 0020)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext as _

from smenet.common.errors import PermissionDenied
from smenet.common.formatting import isolate
from smenet.common.translation import translated
from smenet.jobs.models import Job
from smenet.jobs.services import Outcome, Progress, register, register_title

from . import exports, imports
from .models import PlanVersion

Wrap = Callable[[str], str]

IMPORT = "plans.import"
REPORT = "plans.report"
REPORT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def import_title(*, version: PlanVersion, name: str, wrap: Wrap = str) -> str:
    """ "Import of <file> into <plan> version <n>" in the active language."""
    return _("Import of %(name)s into %(plan)s version %(number)s") % {
        "name": wrap(name),
        "plan": wrap(translated(version.plan, "title") or version.plan.code),
        "number": version.number,
    }


def report_title(*, version: PlanVersion, params: dict[str, Any], wrap: Wrap = str) -> str:
    """ "General Assembly report, <plan> version <n> (PDF)" in the active language."""
    return _("General Assembly report, %(plan)s version %(number)s (%(format)s)") % {
        "plan": wrap(translated(version.plan, "title") or version.plan.code),
        "number": version.number,
        "format": wrap(str(params["format"]).upper()),
    }


@register_title(IMPORT)
def _import_title(job: Job) -> str:
    version = PlanVersion.objects.select_related("plan").get(pk=job.params["version"])
    return import_title(version=version, name=job.params["name"], wrap=isolate)


@register_title(REPORT)
def _report_title(job: Job) -> str:
    version = PlanVersion.objects.select_related("plan").get(pk=job.params["version"])
    return report_title(version=version, params=job.params, wrap=isolate)


@register(IMPORT)
def run_import(job: Job, progress: Progress) -> Outcome:
    if job.owner is None:  # the account was deleted meanwhile: nobody to act for
        raise PermissionDenied(_("The person who started this import no longer has an account."))
    version = PlanVersion.objects.select_related("plan").get(pk=job.params["version"])
    with job.input.open("rb") as handle:
        content = handle.read()
    summary = imports.plan_import(
        actor=job.owner,
        version=version,
        name=job.params.get("name") or job.input.name or "",
        content=content,
        progress=progress,
        seed=str(job.pk),
    )
    message = _(
        "%(total)s items imported: %(created)s new, %(updated)s changed, "
        "%(unchanged)s unchanged; %(removed)s removed."
    ) % {**vars(summary), "total": summary.total}
    if summary.skipped:
        message += " " + _(
            "%(count)s row(s) were not applied because someone changed the plan during the "
            "import; they are listed below. Import the file again to apply them."
        ) % {"count": len(summary.skipped)}
    return Outcome(message=message, errors=summary.skipped or None)


@register(REPORT)
def run_report(job: Job, progress: Progress) -> Outcome:
    version = PlanVersion.objects.select_related("plan").get(pk=job.params["version"])
    lang, fmt = job.params["lang"], job.params["format"]
    progress(0, 1)
    if fmt == "pdf":
        content = exports.report_pdf(version, lang=lang)
    else:
        content = exports.report_xlsx(version, lang=lang)
    progress(1, 1)
    return Outcome(
        message=_("The report is ready."),
        content=content,
        filename=f"{version.plan.code}-v{version.number}-report-{lang}.{fmt}",
        content_type=REPORT_TYPES[fmt],
    )
