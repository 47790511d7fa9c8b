"""The guided mode's rule (``guide.py``), checked against its definition by property tests."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smenet.services_directory import guide

COUNTRIES = ["AZE", "MAR", "SAU"]
SIZES = ["micro", "small", "medium"]
SECTORS = ["A", "C", "G"]
STAGES = ["idea", "startup", "growth", "export"]
CATEGORIES = ["training", "access-to-finance", "export-support"]

candidates = st.builds(
    guide.Candidate,
    id=st.integers(1, 10_000),
    country=st.sampled_from(COUNTRIES),
    category=st.sampled_from(CATEGORIES),
    sizes=st.lists(st.sampled_from(SIZES), unique=True, max_size=3),
    sectors=st.lists(st.sampled_from(SECTORS), unique=True, max_size=3),
    stages=st.lists(st.sampled_from(STAGES), unique=True, max_size=4),
    languages=st.lists(st.sampled_from(["ar", "en", "fr"]), unique=True, max_size=3),
    cost=st.sampled_from(["", "free", "subsidised", "fee"]),
    cross_border=st.sampled_from(["yes", "no", "conditions", ""]),
)
answers = st.builds(
    guide.Answers,
    country=st.sampled_from(["", *COUNTRIES]),
    size=st.sampled_from(["", *SIZES]),
    sector=st.sampled_from(["", *SECTORS]),
    stage=st.sampled_from(["", *STAGES]),
    needs=st.lists(st.sampled_from(CATEGORIES), unique=True, max_size=2).map(tuple),
    language=st.sampled_from(["", "ar", "en", "fr"]),
)


def fits_by_definition(c: guide.Candidate, a: guide.Answers) -> bool:
    def open_to(values, wanted):
        return not wanted or not values or wanted in values

    return (
        (not a.needs or c.category in a.needs)
        and (not a.country or c.country == a.country or c.cross_border in ("yes", "conditions"))
        and open_to(c.sizes, a.size)
        and open_to(c.sectors, a.sector)
        and open_to(c.stages, a.stage)
    )


@given(st.lists(candidates, max_size=30, unique_by=lambda c: c.id), answers)
def test_exactly_the_fitting_services_best_first(items, a):
    ranked = guide.rank(items, a)
    assert {f.id for f in ranked} == {c.id for c in items if fits_by_definition(c, a)}
    keys = [(-f.score, f.id) for f in ranked]
    assert keys == sorted(keys)


@given(candidates, answers)
def test_home_country_beats_cross_border_all_else_equal(c, a):
    if not a.country:
        return
    home = guide.judge(guide.Candidate(**{**_fields(c), "country": a.country}), a)
    away = guide.judge(
        guide.Candidate(**{**_fields(c), "country": "ZZZ", "cross_border": "yes"}), a
    )
    if home and away:
        assert home.score > away.score


def _fields(c: guide.Candidate) -> dict:
    return {name: getattr(c, name) for name in c.__slots__}


def test_reasons_say_why():
    c = guide.Candidate(
        id=1, country="AZE", category="training", sizes=["small"], languages=["ar"], cost="free"
    )
    fit = guide.judge(
        c, guide.Answers(country="AZE", size="small", needs=("training",), language="ar")
    )
    assert fit is not None
    assert fit.reasons == (
        ("need", "training"),
        ("country", "AZE"),
        ("size", "small"),
        ("language", "ar"),
        ("free", ""),
    )
    assert guide.judge(c, guide.Answers(size="medium")) is None


@pytest.mark.parametrize(
    "code,value",
    [
        ("need", "training"),
        ("country", "AZE"),
        ("cross_border", "AZE"),
        ("cross_border_conditions", "AZE"),
        ("size", "small"),
        ("size_any", ""),
        ("sector", "C"),
        ("sector_any", ""),
        ("stage", "growth"),
        ("stage_any", ""),
        ("language", "ar"),
        ("free", ""),
        ("subsidised", ""),
    ],
)
def test_every_reason_has_words_in_each_language(code, value):
    """Every reason ``guide.judge`` can give is written out (never its code), in ar/fr/en."""
    from django.utils import translation

    from smenet.services_directory.templatetags.services_directory import reason_text

    for lang in ("ar", "fr", "en"):
        with translation.override(lang):
            text = reason_text((code, value))
        assert text and text != code, (lang, code)
    with translation.override("fr"):
        assert "arabe" in reason_text(("language", "ar"))
