"""One policy for every uploaded file: what may be uploaded where, checked by content, and how it
is served back (decision 0029).

A file is accepted when its extension is one the purpose allows **and** its first bytes are
those of that format (a PDF starts with ``%PDF-``, an XLSX is a ZIP holding ``xl/…``, a CSV is
UTF-8 text without NUL bytes), and when it is not empty nor over the purpose's size cap. The
content type stored and served is the one the format implies, never the one the browser sent.
Files are served as attachments (``Content-Disposition: attachment``) with ``nosniff`` and a
sandboxing CSP, so an HTML or SVG file passed off as something else cannot run in our origin.

Purposes: ``publication`` and ``attachment`` (knowledge hub; meeting documents are
attachments), ``evidence`` (progress reports), ``import`` (CSV/XLSX/JSONL imports),
``statistics`` (statistics imports, SDMX included), ``image`` (news pictures), ``cv`` (the
expert roster). Files are stored through Django's ``STORAGES`` (the default storage), so an
object store can replace the folder by configuration (docs/deployment.md).
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _

MB = 1024 * 1024
HEAD = 8192


def _starts(*magics: bytes) -> Callable[[Any, bytes], bool]:
    return lambda _file, head: any(head.startswith(m) for m in magics)


def _zip_with(*names: str) -> Callable[[Any, bytes], bool]:
    """A ZIP archive with an entry whose name starts with one of ``names`` (OOXML, ODF)."""

    def check(file: Any, head: bytes) -> bool:
        if not head.startswith(b"PK\x03\x04"):
            return False
        try:
            file.seek(0)
            with zipfile.ZipFile(file) as archive:
                entries = archive.namelist()
                if names[0] == "mimetype":
                    return archive.read("mimetype").decode("ascii", "replace") in names[1:]
                return any(e.startswith(names) for e in entries)
        except (zipfile.BadZipFile, KeyError, OSError, ValueError):
            return False
        finally:
            file.seek(0)

    return check


def _text(_file: Any, head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:  # a character cut at the end of the sample is fine
        return exc.start >= len(head) - 3
    return True


def _text_starting(*starts: bytes) -> Callable[[Any, bytes], bool]:
    """UTF-8 text whose first character (after a byte-order mark and blanks) is one of these."""
    return lambda file, head: (
        _text(file, head) and head.lstrip(b"\xef\xbb\xbf").lstrip().startswith(starts)
    )


def _webp(_file: Any, head: bytes) -> bool:
    return head[:4] == b"RIFF" and head[8:12] == b"WEBP"


OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the container of .doc, .xls, .ppt


@dataclass(frozen=True)
class FileType:
    content_type: str
    matches: Callable[[Any, bytes], bool]
    label: str


TYPES: dict[str, FileType] = {
    "pdf": FileType("application/pdf", _starts(b"%PDF-"), "PDF"),
    "png": FileType("image/png", _starts(b"\x89PNG\r\n\x1a\n"), "PNG"),
    "jpg": FileType("image/jpeg", _starts(b"\xff\xd8\xff"), "JPEG"),
    "jpeg": FileType("image/jpeg", _starts(b"\xff\xd8\xff"), "JPEG"),
    "webp": FileType("image/webp", _webp, "WebP"),
    "doc": FileType("application/msword", _starts(OLE2), "Word"),
    "xls": FileType("application/vnd.ms-excel", _starts(OLE2), "Excel"),
    "ppt": FileType("application/vnd.ms-powerpoint", _starts(OLE2), "PowerPoint"),
    "docx": FileType(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _zip_with("word/"),
        "Word",
    ),
    "xlsx": FileType(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _zip_with("xl/"),
        "Excel",
    ),
    "pptx": FileType(
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        _zip_with("ppt/"),
        "PowerPoint",
    ),
    "odt": FileType(
        "application/vnd.oasis.opendocument.text",
        _zip_with("mimetype", "application/vnd.oasis.opendocument.text"),
        "OpenDocument",
    ),
    "ods": FileType(
        "application/vnd.oasis.opendocument.spreadsheet",
        _zip_with("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
        "OpenDocument",
    ),
    "odp": FileType(
        "application/vnd.oasis.opendocument.presentation",
        _zip_with("mimetype", "application/vnd.oasis.opendocument.presentation"),
        "OpenDocument",
    ),
    "csv": FileType("text/csv", _text, "CSV"),
    "txt": FileType("text/plain", _text, "text"),
    "jsonl": FileType("application/jsonl", _text, "JSON Lines"),
    "xml": FileType("application/xml", _text_starting(b"<"), "XML"),
    "json": FileType("application/json", _text_starting(b"{", b"["), "JSON"),
}

DOCUMENTS = ("pdf", "doc", "docx", "odt", "ppt", "pptx", "odp", "xls", "xlsx", "ods", "csv")
IMAGES = ("png", "jpg", "jpeg", "webp")


@dataclass(frozen=True)
class Policy:
    extensions: tuple[str, ...]
    max_bytes: int

    @property
    def accept(self) -> str:
        """For ``<input type=file accept=…>``."""
        return ",".join(f".{e}" for e in self.extensions)


def _cap(size: int) -> int:
    return min(size, settings.SMENET_MAX_UPLOAD_BYTES)


POLICIES: dict[str, Policy] = {
    "publication": Policy((*DOCUMENTS, *IMAGES), 20 * MB),
    "attachment": Policy((*DOCUMENTS, *IMAGES), 20 * MB),
    "evidence": Policy(
        ("pdf", "png", "jpg", "jpeg", "docx", "xlsx", "pptx", "odt", "csv", "txt"), 10 * MB
    ),
    "import": Policy(("csv", "xlsx"), 10 * MB),
    # Statistics imports: plain CSV/XLSX, SDMX-ML, SDMX-JSON, SDMX-CSV (smenet.statistics).
    "statistics": Policy(("csv", "xlsx", "xml", "json"), 64 * MB),
    # Pictures shown on pages (news articles).
    "image": Policy(IMAGES, 5 * MB),
    "cv": Policy(("pdf", "doc", "docx", "odt"), 5 * MB),
}


def policy(purpose: str) -> Policy:
    base = POLICIES[purpose]
    return Policy(base.extensions, _cap(base.max_bytes))


def extension(name: str) -> str:
    return os.path.splitext(name or "")[1].lower().lstrip(".")


def check(upload: Any, *, purpose: str) -> str:
    """Check an uploaded file for ``purpose``; returns the content type its format implies.
    Raises Django's ValidationError (code ``file_type``, ``file_size`` or ``file_empty``)."""
    rules = policy(purpose)
    ext = extension(getattr(upload, "name", "") or "")
    if ext not in rules.extensions:
        raise ValidationError(
            _("Files of type %(ext)s are not accepted here; use %(allowed)s.")
            % {
                "ext": f".{ext}" if ext else "?",
                "allowed": ", ".join(f".{e}" for e in rules.extensions),
            },
            code="file_type",
        )
    size = getattr(upload, "size", None)
    if size is None or size > rules.max_bytes:
        raise ValidationError(
            _("The file is larger than %(limit)s MB.") % {"limit": rules.max_bytes // MB},
            code="file_size",
        )
    if size == 0:
        raise ValidationError(_("The file is empty."), code="file_empty")
    kind = TYPES[ext]
    upload.seek(0)
    head = upload.read(HEAD)
    upload.seek(0)
    if not kind.matches(upload, head):
        raise ValidationError(
            _("The file's content is not a %(kind)s file, whatever its name says.")
            % {"kind": kind.label},
            code="file_type",
        )
    return kind.content_type


def _validate(upload: Any, purpose: str) -> None:
    if upload is None or not getattr(upload, "name", None):
        return
    if getattr(upload, "_committed", False):
        return  # a file already in storage (an instance saved again): it was checked on upload
    check(upload, purpose=purpose)


# Field validators (forms, serializers, models), one per purpose; module-level functions so that
# migrations can name them.
def validate_publication(upload: Any) -> None:
    _validate(upload, "publication")


def validate_attachment(upload: Any) -> None:
    _validate(upload, "attachment")


def validate_evidence(upload: Any) -> None:
    _validate(upload, "evidence")


def validate_import(upload: Any) -> None:
    _validate(upload, "import")


def validate_image(upload: Any) -> None:
    _validate(upload, "image")


def validate_cv(upload: Any) -> None:
    _validate(upload, "cv")


_UNSAFE_NAME = re.compile(r'[\x00-\x1f\x7f"\\/]+')


def attachment(field_file: Any, *, filename: str | None = None) -> FileResponse:
    """A stored file as a download: ``Content-Disposition: attachment``, the content type of
    its format, ``nosniff`` and a CSP that runs nothing even if a browser renders it."""
    try:
        handle = field_file.open("rb")
    except (FileNotFoundError, ValueError, OSError):
        raise Http404 from None
    name = _UNSAFE_NAME.sub("_", filename or os.path.basename(field_file.name)) or "download"
    kind = TYPES.get(extension(name)) or TYPES.get(extension(field_file.name))
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=name,
        content_type=kind.content_type if kind else "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


def sample(kind: str) -> bytes:
    """The smallest valid file of a format (tests and demo data)."""
    if kind == "pdf":
        return b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    if kind == "png":
        return b"\x89PNG\r\n\x1a\n" + b"\x00" * 16
    if kind in ("docx", "xlsx", "pptx"):
        folder = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}[kind]
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            archive.writestr("[Content_Types].xml", "<Types/>")
            archive.writestr(f"{folder}document.xml", "<x/>")
        return out.getvalue()
    if kind == "csv":
        return b"a,b\n1,2\n"
    raise ValueError(kind)
