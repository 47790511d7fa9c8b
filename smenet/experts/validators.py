"""The CV file: the upload policy's ``cv`` purpose (``common.uploads``: PDF or word-processor
document by content, 5 MB at most). Kept as a module-level name because migrations refer to it."""

from __future__ import annotations

from typing import Any

from smenet.common import uploads


def validate_cv(file: Any) -> None:
    uploads.validate_cv(file)
