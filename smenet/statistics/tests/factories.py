from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from smenet.common.translation import set_translations
from smenet.statistics.choices import Aggregation, Category, ObsStatus, Unit
from smenet.statistics.models import Indicator, Observation
from smenet.statistics.periods import parse_period


class IndicatorFactory(DjangoModelFactory):
    """Takes ``names={"en": …}`` and ``definitions={"en": …}``; a share (0–100 %) by default."""

    class Meta:
        model = Indicator
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"TEST_IND_{n}")
    unit = Unit.PERCENT
    decimals = 1
    category = Category.EMPLOYMENT
    aggregation = Aggregation.MEDIAN
    min_value = 0.0
    max_value = 100.0
    names = factory.LazyAttribute(
        lambda o: {
            "en": f"Indicator {o.code}",
            "fr": f"Indicateur {o.code}",
            "ar": f"مؤشر {o.code}",
        }
    )
    definitions = factory.LazyAttribute(lambda o: {"en": f"Definition of {o.code}."})

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        names = kwargs.pop("names")
        definitions = kwargs.pop("definitions")
        existing = model_class.objects.filter(code=kwargs["code"]).first()
        if existing:
            return existing
        obj = model_class(*args, **kwargs)
        set_translations(obj, {"name": names, "definition": definitions})
        obj.save()
        return obj


class ObservationFactory(DjangoModelFactory):
    class Meta:
        model = Observation

    indicator = factory.SubFactory(IndicatorFactory)
    ref_area = "AZE"
    period = "2020"
    year = factory.LazyAttribute(lambda o: parse_period(o.period).year)
    quarter = factory.LazyAttribute(lambda o: parse_period(o.period).quarter)
    value = 42.0
    obs_status = ObsStatus.NORMAL
    source_url = "https://example.org/source"


def share_indicator(code: str = "SME_EMP_SHARE", **kwargs) -> Indicator:
    return IndicatorFactory(code=code, **kwargs)


def count_indicator(code: str = "SME_COUNT", **kwargs) -> Indicator:
    return IndicatorFactory(
        code=code,
        unit=Unit.ENTERPRISES,
        decimals=0,
        category=Category.ENTERPRISES,
        aggregation=Aggregation.SUM,
        min_value=0.0,
        max_value=None,
        **kwargs,
    )
