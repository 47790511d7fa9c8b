"""The chart helper writes numbers machines read the same way in every language."""

import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import translation

from smenet.common import charts

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ["ar", "en", "fr"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_template_filters_write_dots_where_django_writes_commas(lang):
    template = Template(
        "{% load charts %}{{ w }}|{{ w|svgnum }}|{{ big|svgnum }}|{{ p|css_percent }}|{{ d|svgnum }}"
    )
    with translation.override(lang):
        localised, plain, big, percent, decimal = template.render(
            Context({"w": 19.25, "big": 12345.0, "p": 12.5, "d": Decimal("3.50")})
        ).split("|")
    if lang == "fr":  # the defect: Django localises a float printed as it is
        assert localised == "19,25"
    assert (plain, big, percent, decimal) == ("19.25", "12345", "12.5%", "3.5")


def test_svg_number_edge_cases():
    assert charts.svg_number(0) == "0"
    assert charts.svg_number(-0.0001) == "0"
    assert charts.svg_number(1e-7) == "0"
    assert charts.svg_number(2.5e6) == "2500000"
    assert charts.svg_number(1 / 3, 3) == "0.333"
    with pytest.raises(ValueError):
        charts.svg_number(float("nan"))
    with pytest.raises(TypeError):
        charts.svg_number(True)


def test_heat_level_and_scale():
    assert [charts.heat_level(v, 8) for v in (0, 1, 2, 3, 4, 7, 8)] == [0, 1, 1, 2, 2, 4, 4]
    assert charts.heat_level(5, 0) == 0
    assert charts.scale(5, 10, 480) == 240
    assert charts.scale(5, 0, 480) == 0
    assert charts.mirror_x(10, 20, width=100, rtl=True) == 70
    assert charts.mirror_x(10, 20, width=100, rtl=False) == 10


def test_el_escapes_text_and_attributes():
    html = str(charts.el("text", "<b>&", x=1.5, data_label='"x"', class_="a", hidden=None))
    assert html == '<text x="1.5" data-label="&quot;x&quot;" class="a">&lt;b&gt;&amp;</text>'


@pytest.mark.parametrize("lang", LANGUAGES)
def test_bar_chart_geometry_is_proportional_and_mirrored(lang):
    chart = charts.BarChart(
        title="t",
        groups=[charts.BarGroup("A", [("s", 250), ("m", 1000.5)])],
        series=[charts.Series("s", "Small", "#111"), charts.Series("m", "Medium", "#222")],
    )
    with translation.override(lang):
        html = str(chart.render())
        legend = str(chart.legend())
    widths = [float(w) for w in re.findall(r'<rect x="[^"]*" y="[^"]*" width="([^"]*)"', html)]
    assert widths == pytest.approx([480 * 250 / 1000.5, 480])
    for number in re.findall(r' (?:x|y|width|height)="([^"]*)"', html):
        float(number)  # every coordinate parses, in every language
    xs = [float(x) for x in re.findall(r'<rect x="([^"]*)"', html)]
    if lang == "ar":  # bars grow from the right: the longer bar starts further left
        assert 'direction="rtl"' in html and xs[1] < xs[0]
    else:
        assert xs[0] == xs[1] == 170
    assert 'width="10" height="10"' in legend  # swatches are small even without CSS


# Attributes a parser reads as numbers: geometry in SVG, and any inline style.
GEOMETRY = re.compile(
    r"\b(x|y|x1|x2|y1|y2|cx|cy|r|rx|ry|dx|dy|width|height|viewBox|points|d|transform|offset"
    r'|stroke-width|font-size|style)="([^"]*\{\{[^"]*)"'
)
SAFE = re.compile(r"\|(svgnum|css_percent)\b")


def test_templates_never_print_a_bare_value_into_geometry():
    """A number printed with ``{{ value }}`` is localised (``19,2``); geometry and styles take
    ``|svgnum`` or ``|css_percent`` (smenet/common/charts.py)."""
    offenders = []
    for path in ROOT.rglob("templates/**/*.html"):
        text = path.read_text()
        for match in GEOMETRY.finditer(text):
            for expression in re.findall(r"\{\{(.*?)\}\}", match.group(2)):
                if not SAFE.search(expression):
                    offenders.append(f"{path.relative_to(ROOT)}: {match.group(0)}")
    assert not offenders, "\n".join(offenders)
