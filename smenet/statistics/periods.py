"""Reference periods: a year (``2023``) or a quarter (``2023-Q3``), as SDMX writes them.

Pure functions (no Django), shared by every importer, the API filters and the SDMX endpoint.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from functools import cached_property

PERIOD_RE = re.compile(r"^\s*(\d{4})(?:-?Q([1-4]))?\s*$", re.IGNORECASE)
#: SDMX also writes a year as 2023-A1 and accepts dates in startPeriod/endPeriod.
SDMX_YEAR_RE = re.compile(r"^\s*(\d{4})-A1\s*$")
DATE_RE = re.compile(r"^\s*(\d{4})-(\d{2})(?:-(\d{2}))?\s*$")
MIN_YEAR = 1900


@dataclass(frozen=True, order=True)
class Period:
    year: int
    quarter: int = 0  # 0: the whole year

    @cached_property
    def code(self) -> str:
        return f"{self.year}-Q{self.quarter}" if self.quarter else str(self.year)

    @property
    def frequency(self) -> str:
        return "Q" if self.quarter else "A"

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.year, 1 + 3 * (self.quarter - 1) if self.quarter else 1, 1)

    def __str__(self) -> str:
        return self.code


def parse_period(text: str) -> Period | None:
    """``2023`` → Period(2023); ``2023-Q3`` (or ``2023Q3``, ``2023-A1``) → …; else None."""
    if not isinstance(text, str):
        text = str(text)
    match = PERIOD_RE.match(text) or SDMX_YEAR_RE.match(text)
    if not match:
        return None
    year = int(match.group(1))
    if year < MIN_YEAR:
        return None
    quarter = int(match.group(2)) if match.re is PERIOD_RE and match.group(2) else 0
    return Period(year, quarter)


def parse_bound(text: str) -> Period | None:
    """A period bound for filters (``from``/``to``, ``startPeriod``/``endPeriod``): a year, a
    quarter, or a date (``2020-07`` or ``2020-07-01``: the quarter containing it)."""
    period = parse_period(text)
    if period is not None:
        return period
    match = DATE_RE.match(text or "")
    if not match:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12 or year < MIN_YEAR:
        return None
    return Period(year, (month - 1) // 3 + 1)


def bounds_key(period: Period, *, end: bool) -> tuple[int, int]:
    """Sortable (year, quarter) of a bound: a year as a lower bound starts at its first quarter
    (and includes the annual figure); as an upper bound it ends after its fourth."""
    if period.quarter:
        return (period.year, period.quarter)
    return (period.year, 4) if end else (period.year, 0)


def is_future(period: Period, today: datetime.date) -> bool:
    return period.start > today
