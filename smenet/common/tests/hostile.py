"""The shared list of hostile values (issue 10 §3), by the kind of field that receives them.

Each generator takes the limits the field declares (``maxlength``, ``max``, a schema's
``maxLength``/``maximum``, an import column's ``max_length``/``bounds``) and returns
``(label, value)`` pairs that the input-cleaning layer must refuse.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from smenet.common.cleaning import BIGINT_MAX, BIGINT_MIN, LONG_TEXT_MAX

NUL = "ab\x00cd"
OVERRIDE = "ab\u202ecd"  # RIGHT-TO-LEFT OVERRIDE, the "Trojan Source" character
ISOLATE = "ab\u2067cd"  # RIGHT-TO-LEFT ISOLATE
CONTROL = "ab\x1bcd"  # ESCAPE
SURROGATE = "ab\ud800cd"  # only JSON can carry it ("\ud800")
DEEP = "[" * 1000 + "]" * 1000  # raw JSON text


def texts(max_length: int | None, *, json: bool = False) -> Iterator[tuple[str, Any]]:
    yield "NUL", NUL
    yield "RLO override", OVERRIDE
    yield "RLI isolate", ISOLATE
    yield "ESC control", CONTROL
    if json:
        yield "lone surrogate", SURROGATE
    limit = max_length if max_length is not None else LONG_TEXT_MAX
    yield f"{limit + 1} characters", "x" * (limit + 1)


def markers() -> Iterator[tuple[str, Any]]:
    """For fields whose value is a code, a choice, a date or a number typed as text."""
    yield "NUL", NUL
    yield "RLO override", OVERRIDE


def integers(minimum: int | None = None, maximum: int | None = None) -> Iterator[tuple[str, Any]]:
    yield "2^63", BIGINT_MAX + 1
    yield "-2^63-1", BIGINT_MIN - 1
    if maximum is not None and maximum < BIGINT_MAX:
        yield f"maximum+1 ({maximum + 1})", maximum + 1
    if minimum is not None and minimum > BIGINT_MIN:
        yield f"minimum-1 ({minimum - 1})", minimum - 1
    if maximum is None or maximum >= 32768:
        return
    yield "32768 (past a smallint)", 32768


def count() -> dict[str, int]:
    """How many values of each list (for the report)."""
    return {
        "texts": len(list(texts(10, json=True))),
        "markers": len(list(markers())),
        "integers": len(list(integers(0, 10))),
    }
