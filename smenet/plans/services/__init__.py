"""Writes of the action plan. Every write: permission, rules, ``full_clean``, save, revision or
history row, side effects after commit. Actor ``None`` is the system (demo loader, imports).

One module per part of the plan: ``versions`` (plans and their versions), ``items`` (items and
their indicators), ``comments``, ``rounds`` (reporting rounds), ``reports`` (progress reports),
``evidence`` (files and links attached to a report); ``_common`` holds the checks they share.
Callers import from here: ``from smenet.plans import services``."""

from __future__ import annotations

from smenet.common.errors import DomainError

from ._common import _lock, _require_drafting
from .comments import comment_add, comment_resolve
from .evidence import EVIDENCE_MAX_BYTES, evidence_add
from .items import UNSET, EditConflict, ind_name, item_create, item_delete, item_update
from .reports import report_return, report_save, report_submit, report_validate
from .rounds import round_close, round_open, round_remind
from .versions import (
    plan_create,
    version_adopt,
    version_create,
    version_return,
    version_review,
    version_submit,
)

# ``DomainError``, ``_lock`` and ``_require_drafting`` are used by the plan import (imports.py).
__all__ = [
    "EVIDENCE_MAX_BYTES",
    "UNSET",
    "DomainError",
    "EditConflict",
    "_lock",
    "_require_drafting",
    "comment_add",
    "comment_resolve",
    "evidence_add",
    "ind_name",
    "item_create",
    "item_delete",
    "item_update",
    "plan_create",
    "report_return",
    "report_save",
    "report_submit",
    "report_validate",
    "round_close",
    "round_open",
    "round_remind",
    "version_adopt",
    "version_create",
    "version_review",
    "version_return",
    "version_submit",
]
