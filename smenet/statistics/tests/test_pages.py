"""The public statistics pages: content, downloads, bounded queries, right-to-left."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from smenet.knowledge.reference import load_sme_definitions
from smenet.statistics.importer import import_statistics_data
from smenet.statistics.tests.factories import IndicatorFactory

DATA = (
    "indicator,ref_area,period,value,unit,obs_status,source,definition\n"
    "SME_EMP_SHARE,AZE,2019,43.7,,,https://example.org/aze,AZE\n"
    "SME_EMP_SHARE,TUR,2020,72.5,,,https://example.org/tur,\n"
    "SME_EMP_SHARE,EGY,2018,60,,E,,DZA\n"
    "SME_EMP_SHARE,OIC,2020,93,,,https://example.org/oic,\n"
    "SME_COUNT,AZE,2020,350000,,,,\n"
    "SME_COUNT,TUR,2020,3200000,,,,\n"
)


@pytest.fixture
def seeded(indicators):
    load_sme_definitions()
    import_statistics_data(DATA.encode(), name="seed.csv")


def test_indicator_page_marks_the_nearest_year_and_states_coverage(client, seeded):
    html = client.get("/statistics/indicators/SME_EMP_SHARE/?year=2020").content.decode()
    assert "3 of 57 member states" in html
    assert "1 with a figure for 2020" in html
    assert "nearest year" in html
    assert "<svg" in html and 'role="img"' in html
    assert "https://example.org/aze" in html  # the footnote with the source
    assert "national SME definition of" in html
    assert "different national SME definitions" in html  # AZE vs DZA and one not stated


def test_indicator_table_sorts_by_name_and_value(client, seeded):
    def table(url):
        html = client.get(url).content.decode()
        return html[html.index('id="values"') :]

    by_value = table("/statistics/indicators/SME_EMP_SHARE/?year=2020&sort=value&dir=desc")
    assert by_value.index("Türkiye") < by_value.index("Egypt") < by_value.index("Azerbaijan")
    by_name = table("/statistics/indicators/SME_EMP_SHARE/?year=2020&sort=name&dir=asc")
    assert by_name.index("Azerbaijan") < by_name.index("Egypt") < by_name.index("Türkiye")


@pytest.mark.parametrize(
    "path",
    [
        "/statistics/indicators/SME_EMP_SHARE/?year=2020",
        "/statistics/map/?indicator=SME_EMP_SHARE&year=2020",
    ],
)
def test_charts_download_as_svg_png_and_csv(client, seeded, path):
    svg = client.get(path + "&format=svg")
    assert svg["Content-Type"].startswith("image/svg+xml")
    assert svg.content.startswith(b"<?xml") and b"<svg" in svg.content
    png = client.get(path + "&format=png")
    assert png["Content-Type"] == "image/png" and png.content[:8] == b"\x89PNG\r\n\x1a\n"
    data = b"".join(client.get(path + "&format=csv").streaming_content).decode()
    rows = list(csv.DictReader(io.StringIO(data)))
    assert {r["ref_area"] for r in rows} == {"TUR", "OIC"}


def test_numbers_in_svg_are_never_localised(client, seeded):
    html = client.get("/fr/statistics/indicators/SME_EMP_SHARE/?year=2020").content.decode()
    svg = html[html.index("<svg") : html.index("</svg>")]
    import re

    for attr in re.findall(r'\s(?:x|y|x1|x2|y1|y2|cx|cy|r|width|height|viewBox|d)="([^"]*)"', svg):
        assert "," not in attr, attr
    assert "72,5" in html  # the French table shows a decimal comma
    assert 'x="' in svg


def test_map_has_57_titled_keyboard_reachable_shapes_and_a_table(client, seeded):
    html = client.get("/ar/statistics/map/?indicator=SME_EMP_SHARE&year=2020").content.decode()
    svg = html[html.index('<svg xmlns="http://www.w3.org/2000/svg" class="stat-map"') :]
    svg = svg[: svg.index("</svg>")]
    assert svg.count('<a href="') == 57
    assert svg.count("<title>") == 57  # one per member state (the map's own has an id)
    assert '<title id="stat-map-t">' in svg
    assert 'dir="rtl"' in html
    assert html.count('<tr><th scope="row">') >= 57


def test_country_profile(client, seeded):
    html = client.get("/statistics/countries/AZE/").content.decode()
    # One category at a time: AZE has an employment and an enterprise-population figure.
    assert html.count('class="stat-line"') == 1
    nav = html[html.index('class="stat-categories"') :]
    nav = nav[: nav.index("</nav>")]
    assert "Enterprise population" in nav and "Employment" in nav
    assert 'aria-current="page"' in nav
    other = client.get("/statistics/countries/AZE/?category=employment").content.decode()
    assert other.count('class="stat-line"') == 1 and "SME_EMP_SHARE" in other
    assert "National SME definition" in html and "annual revenue" in html
    assert "KOB" in html or "No institution is registered" in html
    assert client.get("/statistics/countries/XXX/").status_code == 404
    assert client.get("/statistics/countries/OIC/").status_code == 404
    assert client.get("/statistics/countries/AZE/?category=nonsense").status_code == 200
    png = client.get("/statistics/countries/AZE/?indicator=SME_COUNT&format=png")
    assert png["Content-Type"] == "image/png"
    svg = client.get("/statistics/countries/AZE/?indicator=SME_EMP_SHARE&format=svg")
    assert svg["Content-Type"].startswith("image/svg+xml") and b"<polyline" not in svg.content
    assert client.get("/statistics/countries/AZE/?indicator=NOPE&format=svg").status_code == 404


def test_country_profile_pages_through_a_large_category(client, seeded):
    from smenet.statistics.views import PROFILE_PAGE

    codes = [f"EMP_EXTRA_{i:02d}" for i in range(PROFILE_PAGE + 3)]
    for i, code in enumerate(codes):
        IndicatorFactory(code=code, order=100 + i)
    data = "indicator,ref_area,period,value\n" + "".join(
        f"{code},AZE,{year},{10 + year % 7}\n" for code in codes for year in range(2015, 2021)
    )
    import_statistics_data(data.encode(), name="extra.csv")
    html = client.get("/statistics/countries/AZE/?category=employment").content.decode()
    assert html.count('class="stat-line"') == PROFILE_PAGE
    assert "Page 1 of 2" in html and "category=employment&amp;page=2" in html
    second = client.get("/statistics/countries/AZE/?category=employment&page=2").content.decode()
    assert second.count('class="stat-line"') == len(codes) + 1 - PROFILE_PAGE
    # Each chart's title and description have their own ids.
    ids = re.findall(r'<title id="([^"]+)"', html)
    assert len(ids) == len(set(ids)) == PROFILE_PAGE
    # Runs of figures are polylines, not a circle per figure.
    chart = html[html.index('class="stat-line"') :]
    chart = chart[: chart.index("</svg>")]
    assert chart.count("<polyline") == 1 and chart.count("<circle") == 1


def test_aggregates_state_coverage_method_and_incomparability(client, seeded):
    html = client.get("/statistics/aggregates/?indicator=SME_COUNT&year=2020").content.decode()
    assert "Sum of the national figures" in html
    assert "2 of 57 member states" in html
    assert "not a comparable total" in html  # two figures without a stated definition
    assert "3,550,000" in html


def test_unknown_indicator_is_404(client, seeded):
    assert client.get("/statistics/indicators/NOPE/").status_code == 404
    assert client.get("/statistics/map/?indicator=NOPE").status_code == 404


def test_export_of_a_selection(client, seeded):
    data = b"".join(
        client.get("/statistics/export/?indicator=SME_COUNT&format=csv").streaming_content
    ).decode()
    assert (
        data.splitlines()[0] == "indicator,ref_area,period,value,unit,obs_status,source,definition"
    )
    assert len(data.splitlines()) == 3
    xlsx = client.get("/statistics/export/?ref_area=AZE&format=xlsx")
    assert xlsx.content[:2] == b"PK"
    assert client.get("/statistics/export/?ref_area=XXX").status_code == 400


@pytest.mark.parametrize(
    "path",
    [
        "/statistics/",
        "/statistics/indicators/SME_EMP_SHARE/?year=2020",
        "/statistics/map/?indicator=SME_EMP_SHARE&year=2020",
        "/statistics/countries/AZE/",
        "/statistics/countries/AZE/?category=employment",
        "/statistics/aggregates/?indicator=SME_EMP_SHARE&year=2020",
    ],
)
def test_page_queries_do_not_grow_with_the_data(
    client, seeded, path, django_assert_max_num_queries
):
    with CaptureQueriesContext(connection) as few:
        assert client.get(path).status_code == 200
    more = "indicator,ref_area,period,value\n" + "".join(
        f"{ind},{c},{y},{50 if ind == 'SME_EMP_SHARE' else 1000}\n"
        for ind in ("SME_EMP_SHARE", "SME_COUNT")
        for c in ("AZE", "EGY", "IRN", "PAK", "MAR", "SEN", "NGA")
        for y in range(2000, 2018)
    )
    import_statistics_data(more.encode(), name="more.csv")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(path).status_code == 200
