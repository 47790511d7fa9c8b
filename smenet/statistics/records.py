"""One check for every figure that enters: imports of any format, the API and the entry forms.

A record arrives as text (or numbers from a spreadsheet) with a place (``line 7``, or ``series
A.AZE.SME_EMP_SHARE, period 2020``); :func:`clean` returns the checked record or the errors,
each naming the field, in the active language. Nothing here writes.
"""

from __future__ import annotations

import datetime
import math
import re
from dataclasses import dataclass, field, fields
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext as _

from smenet.common import cleaning
from smenet.common.exports import unescape

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
        self.key = (self.indicator.id, self.ref_area, self.period.code)


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
        self.indicators_by_pk = {i.pk: i for i in self.indicators.values()}
        self.today = today or timezone.localdate()
        self._periods: dict[str, Period | None] = {}
        self._urls: dict[str, bool] = {}
        self._verdicts: dict[str, dict[Any, Any]] = {}

    def verdict(self, field: str, raw: Any, check: Any) -> Any:
        """``check(raw, self)`` once per distinct raw value of ``field`` (a file repeats the
        same few indicators, areas, periods and sources on every line)."""
        memo = self._verdicts.setdefault(field, {})
        try:
            return memo[raw]
        except KeyError:
            result = memo[raw] = check(raw, self)
            return result
        except TypeError:  # an unhashable cell: judged every time
            return check(raw, self)

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
    # A cell an export escaped against formulas ("'=…") reads back as written (common.exports).
    return unescape(str(value).replace("\x00", "").strip())


def _fast_float(text: str) -> float | None:
    """The usual cell (``43.7``) without the regular expression: what ``float`` reads and the
    full check below would accept the same way; anything else (``nan``, ``1_000``, a decimal
    comma, grouping spaces) goes the long way and gets its message there."""
    try:
        number = float(text)
    except ValueError:
        return None
    if "_" in text or not math.isfinite(number):
        return None
    return number


def parse_number(value: Any) -> tuple[float | None, str | None]:
    """A finite number from text or a spreadsheet cell; (None, None) for an empty cell."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    if isinstance(value, bool):
        return None, _("expected a number")
    if isinstance(value, int | float):
        number = float(value)
    elif isinstance(value, str) and (fast := _fast_float(value)) is not None:
        return fast, None
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


#: The longest text each field of a record may have (the columns' limits; a code or a number
#: is never longer than ``SHORT_VALUE_MAX``).
TEXT_LIMITS = {"note": 2000, "source_publisher": 200, "source": 500}


def _layer_problems(raw: Raw) -> list[str]:
    """The input-cleaning layer on every text of a record (``common.cleaning``): control and
    direction-override characters, and lengths, each named by its field."""
    problems: list[str] = []
    for item in fields(Raw):
        value = getattr(raw, item.name)
        if item.name == "where" or not isinstance(value, str):
            continue
        limit = TEXT_LIMITS.get(item.name, cleaning.SHORT_VALUE_MAX)
        problems.extend(
            _("%(field)s: %(problem)s") % {"field": item.name, "problem": problem}
            for problem in cleaning.check_text(value, max_length=limit)
        )
    return problems


def clean(raw: Raw, lookups: Lookups) -> tuple[Record | None, list[str]]:
    """Check one record; the errors are "field: message" without the place.

    The fields that repeat from row to row (indicator, area, period, status, unit, source,
    definition) are judged once per distinct value and import (``lookups`` keeps the verdicts);
    only the value is parsed on every row."""
    errors = _layer_problems(raw)
    if errors:  # a control or direction character, or an overlong cell: judged before lookups
        return None, errors
    indicator, problem = lookups.verdict("indicator", raw.indicator, _check_indicator)
    if problem:
        errors.append(problem)
    area, problem = lookups.verdict("ref_area", raw.ref_area, _check_area)
    if problem:
        errors.append(problem)
    period, problem = lookups.verdict("period", raw.period, _check_period)
    if problem:
        errors.append(problem)
    status, problem = lookups.verdict("obs_status", raw.obs_status, _check_status)
    if problem:
        errors.append(problem)

    value, problem = parse_number(raw.value)
    if problem:
        errors.append(_("value: %(problem)s") % {"problem": problem})
    elif value is None and status != ObsStatus.MISSING:
        errors.append(_("value: required (or obs_status M for a missing value)"))

    multiplier = 0
    if raw.unit_multiplier not in (None, ""):
        mult, bad = parse_number(raw.unit_multiplier)
        if bad or mult is None or not mult.is_integer():
            errors.append(_("unit multiplier: expected a whole power of ten"))
        else:
            multiplier = int(mult)

    if raw.unit is not None and raw.unit != "":
        _unit, unit_problem = lookups.verdict(
            "unit", (raw.unit, indicator.pk if indicator else None), _check_unit
        )
        if unit_problem:
            errors.append(unit_problem)

    if indicator is not None and value is not None and not problem:
        if raw.unit_multiplier not in (None, "") and multiplier != indicator.unit_multiplier:
            value = value * 10.0 ** (multiplier - indicator.unit_multiplier)
        if range_problem := check_value(indicator, value):
            errors.append(_("value: %(problem)s") % {"problem": range_problem})

    source, source_problems = lookups.verdict("source", raw.source, _check_source)
    if source_problems:
        errors.extend(source_problems)

    definition_id, problem = lookups.verdict("definition", raw.definition, _check_definition)
    if problem:
        errors.append(problem)

    extra: dict[str, str] = {}
    if raw.qualifier is not None:
        qualifier = _text(raw.qualifier).lower()
        if qualifier not in QUALIFIERS:
            errors.append(
                _('qualifier: "%(value)s" is not one of gt, about') % {"value": qualifier[:10]}
            )
        extra["qualifier"] = qualifier
    if raw.source_publisher is not None:
        extra["source_publisher"] = _text(raw.source_publisher)
    if raw.note is not None:
        extra["note"] = _text(raw.note)

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


# The checks of the repeating fields: (the checked value, the problem or None). Each is called
# once per distinct raw value of an import (``Lookups.verdict``).


def _check_indicator(raw: Any, lookups: Lookups) -> tuple[Indicator | None, str | None]:
    code = _text(raw)
    if not code:
        return None, _("indicator: required")
    indicator = lookups.indicator(code)
    if indicator is None:
        return None, _('indicator: unknown indicator code "%(code)s"') % {"code": code[:60]}
    return indicator, None


def _check_area(raw: Any, lookups: Lookups) -> tuple[Any, str | None]:
    area_code = _text(raw).upper()
    if not area_code:
        return None, _("ref_area: required")
    area = lookups.areas.get(area_code)
    if area is None:
        return None, _(
            'ref_area: unknown area "%(code)s" (an ISO alpha-3 code of a member state or a group code)'
        ) % {"code": area_code[:20]}
    return area, None


def _check_period(raw: Any, lookups: Lookups) -> tuple[Period | None, str | None]:
    period_text = _text(raw)
    if not period_text:
        return None, _("period: required")
    period = parse_period(period_text)
    if period is None:
        return None, _('period: "%(value)s" is not a year (YYYY) or a quarter (YYYY-Qn)') % {
            "value": period_text[:20]
        }
    if is_future(period, lookups.today):
        return None, _("period: %(period)s is in the future") % {"period": period.code}
    return period, None


def _check_status(raw: Any, lookups: Lookups) -> tuple[str, str | None]:
    status = _text(raw).upper() or ObsStatus.NORMAL
    if status not in OBS_STATUSES:
        return status, _('obs_status: "%(value)s" is not one of A, E, P, B, M') % {
            "value": status[:10]
        }
    return status, None


def _check_unit(raw: tuple[Any, int | None], lookups: Lookups) -> tuple[str | None, str | None]:
    unit_text = _text(raw[0])
    if not unit_text:
        return None, None
    unit = unit_code(unit_text)
    if unit is None:
        return None, _('unit: unknown unit "%(unit)s"') % {"unit": unit_text[:30]}
    indicator = lookups.indicators_by_pk.get(raw[1]) if raw[1] is not None else None
    if indicator is not None and unit != indicator.unit:
        return None, _(
            "unit: %(code)s is measured in %(expected)s (%(expected_code)s), not %(given)s (%(given_code)s)"
        ) % {
            "code": indicator.code,
            "expected": Unit(indicator.unit).label,
            "expected_code": indicator.unit,
            "given": Unit(unit).label,
            "given_code": unit,
        }
    return unit, None


def _check_source(raw: Any, lookups: Lookups) -> tuple[str, list[str]]:
    source = _text(raw)
    problems = []
    if source:
        if not lookups.is_url(source):
            problems.append(
                _('source: "%(value)s" is not a web address (http or https)')
                % {"value": source[:60]}
            )
        if len(source) > 500:
            problems.append(_("source: at most 500 characters"))
    return source, problems


def _check_definition(raw: Any, lookups: Lookups) -> tuple[int | None, str | None]:
    definition = _text(raw).upper()
    if not definition:
        return None, None
    definition_id = lookups.definitions.get(definition)
    if definition_id is None:
        return None, _(
            'definition: no national SME definition of "%(code)s" in the knowledge hub (give the ISO alpha-3 code of a country whose definition is listed)'
        ) % {"code": definition[:20]}
    return definition_id, None
