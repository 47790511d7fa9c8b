"""Validators of uploaded files and language codes."""

from __future__ import annotations

from smenet.common import uploads
from smenet.common.languages import validate_language_code

language_code = validate_language_code  # one definition: smenet.common.languages


def validate_upload(file) -> None:
    """The knowledge hub's files follow the one upload policy (``common.uploads``: type by
    content, size cap); publications and attachments have the same rules. Kept under this
    name because the migrations of the file fields refer to it."""
    uploads.validate_publication(file)
