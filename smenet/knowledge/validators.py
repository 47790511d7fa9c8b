"""Validators of uploaded files and language codes."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from smenet.common.languages import validate_language_code

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
ALLOWED_EXTENSIONS = {
    ".pdf",
    ".doc",
    ".docx",
    ".odt",
    ".ppt",
    ".pptx",
    ".odp",
    ".xls",
    ".xlsx",
    ".ods",
    ".csv",
    ".png",
    ".jpg",
    ".jpeg",
    ".webp",
}

language_code = validate_language_code  # one definition: smenet.common.languages


def validate_upload(file) -> None:
    """Refuse files of an unexpected type or above the size limit (checked before storage)."""
    ext = Path(file.name or "").suffix.lower()
    if ext not in ALLOWED_EXTENSIONS:
        raise ValidationError(
            _("Files of type %(ext)s are not accepted; use PDF, office documents or images.")
            % {"ext": ext or "?"},
            code="file_type",
        )
    if file.size is not None and file.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("The file is larger than %(limit)s MB.") % {"limit": MAX_UPLOAD_BYTES // 2**20},
            code="file_size",
        )
