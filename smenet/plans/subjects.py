"""Subject codes of the capacity taxonomy, read from ``smenet/capacity/data/subjects.csv``.

The plans app stores the codes in its own small table (``PlanSubject``) and validates them
against this file, so it does not depend on the capacity app's models.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

SUBJECTS_CSV = Path(__file__).resolve().parent.parent / "capacity" / "data" / "subjects.csv"


@lru_cache(maxsize=1)
def subject_names() -> dict[str, dict[str, str]]:
    with SUBJECTS_CSV.open(encoding="utf-8") as handle:
        return {
            row["code"]: {k: v for k, v in row.items() if k != "code" and v}
            for row in csv.DictReader(handle)
        }


def subject_label(code: str, lang: str) -> str:
    names = subject_names().get(code, {})
    return names.get(lang) or names.get("en") or code
