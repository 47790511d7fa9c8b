"""Evidence attached to a progress report: a file (the upload policy for evidence) or a link."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from smenet.common import uploads
from smenet.common.errors import Conflict, DomainError
from smenet.common.services import validate
from smenet.registry.models import User

from ..choices import EvidenceKind, ReportStatus
from ..models import Evidence, ProgressReport
from ._common import _require_reporter

EVIDENCE_MAX_BYTES = uploads.policy("evidence").max_bytes


def _check_upload(upload: UploadedFile) -> str:
    """The upload policy for evidence (``common.uploads``): the content type of its format."""
    try:
        return uploads.check(upload, purpose="evidence")
    except ValidationError as exc:
        raise DomainError(exc.messages[0], code=exc.code or "file_type", field="file") from exc


def evidence_add(
    *,
    actor: User | None,
    report: ProgressReport,
    title: str,
    upload: UploadedFile | None = None,
    url: str = "",
) -> Evidence:
    _require_reporter(actor, report.item)
    if report.status not in (ReportStatus.DRAFT, ReportStatus.RETURNED):
        raise Conflict(
            _("The report was submitted and is waiting for the Secretariat."),
            code="report_locked",
        )
    if bool(upload) == bool(url):
        raise DomainError(_("Attach a file or give a link (one of the two)."), field="file")
    evidence = Evidence(report=report, title=(title or "").strip()[:200])
    if upload:
        evidence.kind = EvidenceKind.FILE
        evidence.content_type = _check_upload(upload)
        evidence.size = upload.size
        evidence.title = evidence.title or (upload.name or "")[:200]
    else:
        evidence.kind = EvidenceKind.LINK
        evidence.url = url
        evidence.title = evidence.title or url[:200]
    validate(evidence, exclude=["file"])
    with transaction.atomic():
        if upload:
            evidence.file.save(upload.name or "evidence", upload, save=False)
        evidence.save()
    return evidence
