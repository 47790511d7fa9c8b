"""The CV file: a document (PDF or word processor), not larger than 5 MB."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

CV_EXTENSIONS = {".pdf", ".doc", ".docx", ".odt"}
CV_MAX_BYTES = 5 * 1024 * 1024
PDF_MAGIC, ZIP_MAGIC, OLE_MAGIC = b"%PDF-", b"PK\x03\x04", b"\xd0\xcf\x11\xe0"


def validate_cv(file) -> None:
    ext = Path(getattr(file, "name", "") or "").suffix.lower()
    if ext not in CV_EXTENSIONS:
        raise ValidationError(
            _("A CV is a PDF or a word-processor document (.pdf, .doc, .docx, .odt)."),
            code="file_type",
        )
    size = getattr(file, "size", None)
    if size is not None and size > CV_MAX_BYTES:
        raise ValidationError(
            _("The file is larger than %(limit)s MB.") % {"limit": CV_MAX_BYTES // 2**20},
            code="file_size",
        )
    head = b""
    if hasattr(file, "seek") and hasattr(file, "read") and not getattr(file, "closed", False):
        try:
            position = file.tell()
            file.seek(0)
            head = file.read(8) or b""
            file.seek(position)
        except (OSError, ValueError):
            head = b""
    if isinstance(head, str):
        head = head.encode()
    expected = {
        ".pdf": (PDF_MAGIC,),
        ".doc": (OLE_MAGIC,),
        ".docx": (ZIP_MAGIC,),
        ".odt": (ZIP_MAGIC,),
    }
    if head and not head.startswith(expected[ext]):
        raise ValidationError(
            _("The file's content does not match its type %(ext)s.") % {"ext": ext},
            code="file_content",
        )
