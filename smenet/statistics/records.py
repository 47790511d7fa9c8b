"""One check for every figure that enters: imports of any format, the API and the entry forms.

A record arrives as text (or numbers from a spreadsheet) with a place (``line 7``, or ``series
A.AZE.SME_EMP_SHARE, period 2020``); :func:`clean` returns the checked record or the errors,
each naming the field, in the active language. Nothing here writes.
"""

from __future__ import annotations

import datetime
import math
import re
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext as _

from .areas import AreaIndex, area_index
from .choices import UNIT_ALIASES, ObsStatus, Qualifier, Unit
from .models import Indicator
from .periods import Period, is_future, parse_period

NUMBER_RE = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_url = URLValidator(schemes=["http", "https"])
#: The code lists as sets (an enum's ``values`` is rebuilt on every access).
UNITS = frozenset(Unit.values)
OBS_STATUSES = frozenset(ObsStatus.values)
QUALIFIERS = frozenset(Qualifier.values)
#: Fields of a record the formats may or may not carry (None: not in the file: keep as is).
OPTIONAL = ("qualifier", "source_publisher", "note")


@dataclass
class Raw:
    where: str
    indicator: Any
    ref_area: Any
    period: Any
    value: Any
    unit: Any = None
    obs_status: Any = None
    source: Any = None
    definition: Any = None
    unit_multiplier: Any = None
    qualifier: Any = None
    source_publisher: Any = None
    note: Any = None


@dataclass
class Record:
    where: str
    indicator: Indicator
    ref_area: str
    period: Period
    value: float | None
    obs_status: str
    source_url: str
    definition_id: int | None
    extra: dict[str, str] = field(default_factory=dict)
    key: tuple[int, str, str] = field(init=False)

    def __post_init__(self) -> None:
        self.key = (self.indicator.pk, self.ref_area, self.period.code)


class Lookups:
    """Indicators, areas and national definitions, each read once per import or request."""

    def __init__(self, *, today: datetime.date | None = None) -> None:
        from smenet.knowledge.models import SmeDefinition

        self.indicators = {i.code: i for i in Indicator.objects.with_translations()}
        self.areas: AreaIndex = area_index(include_former=True)
        self.definitions = {
            iso3: country_id
            for iso3, country_id in SmeDefinition.objects.values_list(
                "country__iso3", "country_id"
            ).distinct()
        }
        self.today = today or timezone.localdate()
        self._periods: dict[str, Period | None] = {}
        self._urls: dict[str, bool] = {}

    def period(self, text: str) -> Period | None:
        """Periods repeat: each distinct text is parsed once (and kept, a few dozen)."""
        if text not in self._periods:
            self._periods[text] = parse_period(text)
        return self._periods[text]

    def is_url(self, text: str) -> bool:
        if text not in self._urls:
            try:
                _url(text)
            except ValidationError:
                self._urls[text] = False
            else:
                self._urls[text] = True
        return self._urls[text]

    def indicator(self, code: str) -> Indicator | None:
        code = (code or "").strip()
        return self.indicators.get(code) or self.indicators.get(code.upper())


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace("\x00", "").strip()


def parse_number(value: Any) -> tuple[float | None, str | None]:
    """A finite number from text or a spreadsheet cell; (None, None) for an empty cell."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    if isinstance(value, bool):
        return None, _("expected a number")
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = str(value).strip().replace("\u00a0", "").replace(" ", "")
        if not NUMBER_RE.match(text):
            if re.match(r"^[+-]?\d+,\d+$", text):
                return None, _(
                    'expected a number with a point as the decimal separator, not "%(value)s"'
                ) % {"value": value}
            return None, _('expected a number, not "%(value)s"') % {"value": str(value)[:40]}
        number = float(text)
    if not math.isfinite(number):
        return None, _("expected a finite number")
    return number, None


def unit_code(value: Any) -> str | None:
    text = _text(value)
    if text in UNITS:
        return text
    if text.upper() in UNITS:
        return text.upper()
    return UNIT_ALIASES.get(text.lower())


def check_value(indicator: Indicator, value: float) -> str | None:
    """The indicator's range (a share is never negative nor above 100)."""
    if indicator.unit == Unit.PERCENT and value < 0 and (indicator.min_value or 0) >= 0:
        return _("a share cannot be negative (%(value)s)") % {"value": _fmt(value)}
    if indicator.min_value is not None and value < indicator.min_value:
        return _("%(value)s is below the lowest acceptable value of %(code)s (%(min)s)") % {
            "value": _fmt(value),
            "code": indicator.code,
            "min": _fmt(indicator.min_value),
        }
    if indicator.max_value is not None and value > indicator.max_value:
        return _("%(value)s is above the highest acceptable value of %(code)s (%(max)s)") % {
            "value": _fmt(value),
            "code": indicator.code,
            "max": _fmt(indicator.max_value),
        }
    return None


def _fmt(value: float) -> str:
    return repr(value).removesuffix(".0") if math.isfinite(value) else str(value)


def clean(raw: Raw, lookups: Lookups) -> tuple[Record | None, list[str]]:
    """Check one record; the errors are "field: message" without the place."""
    errors: list[str] = []
    code = _text(raw.indicator)
    indicator = lookups.indicator(code) if code else None
    if not code:
        errors.append(_("indicator: required"))
    elif indicator is None:
        errors.append(_('indicator: unknown indicator code "%(code)s"') % {"code": code[:60]})

    area_code = _text(raw.ref_area).upper()
    area = lookups.areas.get(area_code) if area_code else None
    if not area_code:
        errors.append(_("ref_area: required"))
    elif area is None:
        errors.append(
            _(
                'ref_area: unknown area "%(code)s" (an ISO alpha-3 code of a member state or a group code)'
            )
            % {"code": area_code[:20]}
        )

    period_text = _text(raw.period)
    period = lookups.period(period_text) if period_text else None
    if not period_text:
        errors.append(_("period: required"))
    elif period is None:
        errors.append(
            _('period: "%(value)s" is not a year (YYYY) or a quarter (YYYY-Qn)')
            % {"value": period_text[:20]}
        )
    elif is_future(period, lookups.today):
        errors.append(_("period: %(period)s is in the future") % {"period": period.code})

    status = _text(raw.obs_status).upper() or ObsStatus.NORMAL
    if status not in OBS_STATUSES:
        errors.append(
            _('obs_status: "%(value)s" is not one of A, E, P, B, M') % {"value": status[:10]}
        )

    value, problem = parse_number(raw.value)
    if problem:
        errors.append(_("value: %(problem)s") % {"problem": problem})
    elif value is None and status != ObsStatus.MISSING:
        errors.append(_("value: required (or obs_status M for a missing value)"))

    multiplier = 0
    if raw.unit_multiplier not in (None, ""):
        mult, problem = parse_number(raw.unit_multiplier)
        if problem or mult is None or not mult.is_integer():
            errors.append(_("unit multiplier: expected a whole power of ten"))
        else:
            multiplier = int(mult)

    unit_text = _text(raw.unit)
    if unit_text:
        unit = unit_code(unit_text)
        if unit is None:
            errors.append(_('unit: unknown unit "%(unit)s"') % {"unit": unit_text[:30]})
        elif indicator is not None and unit != indicator.unit:
            errors.append(
                _(
                    "unit: %(code)s is measured in %(expected)s (%(expected_code)s), not %(given)s (%(given_code)s)"
                )
                % {
                    "code": indicator.code,
                    "expected": Unit(indicator.unit).label,
                    "expected_code": indicator.unit,
                    "given": Unit(unit).label,
                    "given_code": unit,
                }
            )

    if indicator is not None and value is not None and not problem:
        if raw.unit_multiplier not in (None, "") and multiplier != indicator.unit_multiplier:
            value = value * 10.0 ** (multiplier - indicator.unit_multiplier)
        if range_problem := check_value(indicator, value):
            errors.append(_("value: %(problem)s") % {"problem": range_problem})

    source = _text(raw.source)
    if source:
        if not lookups.is_url(source):
            errors.append(
                _('source: "%(value)s" is not a web address (http or https)')
                % {"value": source[:60]}
            )
        if len(source) > 500:
            errors.append(_("source: at most 500 characters"))

    definition_id = None
    definition = _text(raw.definition).upper()
    if definition:
        definition_id = lookups.definitions.get(definition)
        if definition_id is None:
            errors.append(
                _(
                    'definition: no national SME definition of "%(code)s" in the knowledge hub (give the ISO alpha-3 code of a country whose definition is listed)'
                )
                % {"code": definition[:20]}
            )

    extra: dict[str, str] = {}
    if raw.qualifier is not None:
        qualifier = _text(raw.qualifier).lower()
        if qualifier not in QUALIFIERS:
            errors.append(
                _('qualifier: "%(value)s" is not one of gt, about') % {"value": qualifier[:10]}
            )
        extra["qualifier"] = qualifier
    if raw.source_publisher is not None:
        extra["source_publisher"] = _text(raw.source_publisher)[:200]
    if raw.note is not None:
        extra["note"] = _text(raw.note)[:2000]

    if errors:
        return None, errors
    assert indicator is not None and area is not None and period is not None
    return (
        Record(
            where=raw.where,
            indicator=indicator,
            ref_area=area.code,
            period=period,
            value=value,
            obs_status=status,
            source_url=source,
            definition_id=definition_id,
            extra=extra,
        ),
        [],
    )
