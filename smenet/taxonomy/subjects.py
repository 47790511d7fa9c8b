"""The subject taxonomy as data (``data/subjects.csv``): codes and names without a query.

Plans and best practices store subject codes in their own small tables and validate them here;
search reads the names as thesaurus concepts.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

SUBJECTS_CSV = Path(__file__).resolve().parent / "data" / "subjects.csv"


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@lru_cache(maxsize=1)
def subject_names() -> dict[str, dict[str, str]]:
    return {
        row["code"]: {k: v for k, v in row.items() if k != "code" and v}
        for row in read_rows(SUBJECTS_CSV)
    }


def is_subject(code: str) -> bool:
    return code in subject_names()


def subject_label(code: str, lang: str) -> str:
    names = subject_names().get(code, {})
    return names.get(lang) or names.get("en") or code
