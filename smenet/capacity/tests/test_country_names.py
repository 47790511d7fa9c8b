"""Country columns name the country in the page's language, never by its ISO code."""

from __future__ import annotations

import re

import pytest

from smenet.capacity import services


def cells(html: str, table_class: str) -> list[str]:
    table = re.search(rf'<table class="table {table_class}">(.*?)</table>', html, re.S)
    assert table, f"the page has its {table_class} table"
    return [
        re.sub(r"<[^>]+>", "", c).strip()
        for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", table.group(1), re.S)
    ]


@pytest.fixture
def activity(world):
    return services.activity_create(
        actor=world["secretariat"],
        type=world["type"],
        subject=world["finance"],
        titles={"en": "Credit guarantees", "ar": "ضمانات القروض", "fr": "Garanties"},
        providers=[world["a"]],
        beneficiaries=[world["b"]],
        languages=["en"],
        participants_per_beneficiary=1,
        cycle=world["cycle"],
    )


@pytest.mark.parametrize(("prefix", "name"), [("", "Country XBB"), ("/ar", "دولة XBB")])
def test_the_activity_page_names_the_countries(client, world, activity, prefix, name):
    client.force_login(world["secretariat"])
    found = cells(
        client.get(f"{prefix}/capacity/activities/{activity.reference}/").content.decode(), "sides"
    )
    assert name in found
    assert "XBB" not in found


@pytest.mark.parametrize(("prefix", "name"), [("", "Country XCC"), ("/fr", "Pays XCC")])
def test_the_dashboard_names_the_countries_of_who_has_not_answered(client, world, prefix, name):
    client.force_login(world["secretariat"])
    html = client.get(f"{prefix}/capacity/cycles/{world['cycle'].code}/").content.decode()
    found = cells(html, "missing")
    assert name in found
    assert "XCC" not in found


def test_the_reports_name_each_country_without_its_code(client, world, activity):
    client.force_login(world["secretariat"])
    found = cells(client.get("/ar/capacity/reports/").content.decode(), "balance")
    assert "دولة XAA" in found and "دولة XBB" in found
    assert not any(c.endswith("XAA") and c != "دولة XAA" for c in found)
