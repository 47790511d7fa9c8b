"""One date and number format per language, through the locale machinery; names sorted with a
real collation (smenet/common/formatting.py, smenet/common/formats/)."""

import datetime
import re
from pathlib import Path

import pytest
from django.utils import translation

from smenet.common import formatting

ROOT = Path(__file__).resolve().parents[2]
DAY = datetime.date(2025, 10, 7)
MOMENT = datetime.datetime(2026, 12, 6, 21, 31, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    ("lang", "day", "moment", "number"),
    [
        ("en", "7 October 2025", "6 December 2026, 21:31", "1,234.5"),
        ("fr", "7 octobre 2025", "6 décembre 2026 à 21:31", "1\u202f234,5"),
        ("ar", "7 أكتوبر 2025", "6 ديسمبر 2026، 21:31", "1,234.5"),
    ],
)
def test_one_format_per_language(lang, day, moment, number):
    with translation.override(lang):
        assert formatting.date(DAY) == day
        assert formatting.datetime(MOMENT) == moment
        assert formatting.number(1234.5) == number
        from django.template import Context, Template

        rendered = Template("{{ d|date }}|{{ d|date:'DATE_FORMAT' }}|{{ m }}").render(
            Context({"d": DAY, "m": MOMENT})
        )
    assert rendered.split("|") == [day, day, moment]


def test_lists_use_the_language_separator_and_never_dangle():
    with translation.override("ar"):
        assert formatting.join(["كوبيا", "", None, "كوسجب"]) == "كوبيا، كوسجب"
    with translation.override("fr"):
        assert formatting.join(["KOBİA", " ", "KOSGEB"]) == "KOBİA, KOSGEB"


def test_names_sort_with_a_collation():
    french = ["Égypte", "Djibouti", "Gabon", "Algérie", "Émirats arabes unis", "Azerbaïdjan"]
    assert formatting.sorted_names(french) == [
        "Algérie",
        "Azerbaïdjan",
        "Djibouti",
        "Égypte",
        "Émirats arabes unis",
        "Gabon",
    ]
    arabic = ["مصر", "الأردن", "تركيا", "أذربيجان", "جيبوتي"]
    assert formatting.sorted_names(arabic) == ["أذربيجان", "الأردن", "تركيا", "جيبوتي", "مصر"]


NAMED = {"DATE_FORMAT", "DATETIME_FORMAT", "SHORT_DATE_FORMAT", "SHORT_DATETIME_FORMAT"}
NAMED |= {"YEAR_MONTH_FORMAT", "MONTH_DAY_FORMAT", "TIME_FORMAT"}
MACHINE = {"Y-m-d", "c", "Y", "U"}  # datetime="" attributes and bare years


def test_templates_use_the_language_formats_only():
    """A literal format (``|date:"j F Y"``, ``"N j, Y"``) bypasses the language's format: the
    same day then reads differently from page to page."""
    offenders = []
    for path in ROOT.rglob("templates/**/*.html"):
        for fmt in re.findall(r"\|(?:date|time):[\"']([^\"']*)[\"']", path.read_text()):
            if fmt not in NAMED | MACHINE:
                offenders.append(f"{path.relative_to(ROOT)}: {fmt}")
    assert not offenders, offenders


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", ["", "/fr", "/ar"])
def test_pages_show_dates_one_way(client, founding, prefix):
    """The governance page and the public plan pages write every date in the one format."""
    from smenet.plans.models import Plan

    code = Plan.objects.get().code
    pages = [f"{prefix}/governance/", f"{prefix}/plan/{code}/", f"{prefix}/plan/{code}/progress/"]
    html = " ".join(client.get(p).content.decode() for p in pages)
    english_style = re.compile(
        r"\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\. \d{1,2}, \d{4}"
    )
    us_style = re.compile(
        r"\b(January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}, \d{4}"
    )
    arabic_us_style = re.compile(
        r"(يناير|فبراير|مارس|أبريل|مايو|يونيو|يوليو|أغسطس|سبتمبر|أكتوبر|نوفمبر|ديسمبر) \d{1,2},"
    )
    assert not english_style.search(html) and not us_style.search(html)
    assert not arabic_us_style.search(html) and "p.m." not in html and " م<" not in html
    with translation.override(prefix.strip("/") or "en"):
        assert formatting.date(DAY) in html  # the founding date


def test_language_codes_are_shown_as_names():
    from django.template import Context, Template

    template = Template("{% load smenet %}{{ 'ar'|language_name }}|{{ 'tr'|language_name }}")
    with translation.override("fr"):
        assert template.render(Context()) == "arabe|turc"
    with translation.override("ar"):
        assert template.render(Context()) == "العربية|التركية"
