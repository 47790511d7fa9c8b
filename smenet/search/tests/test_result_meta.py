"""What a result says about itself under its title: the country by its name in the page's
language (not its ISO code) and the year the document is from (a practice's own year, not the
day it was entered)."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from smenet.knowledge.tests.factories import BestPracticeFactory
from smenet.registry.tests.factories import CountryFactory, InstitutionFactory
from smenet.search.indexing import rebuild

pytestmark = pytest.mark.django_db


@pytest.fixture
def practice():
    country = CountryFactory(iso3="XQA", names={"en": "Qaria", "fr": "Qarie", "ar": "القارية"})
    practice = BestPracticeFactory(
        ref="own-year",
        year=2019,
        institution=InstitutionFactory(acronym="QSME", country=country),
        published_at=timezone.now(),
        texts={"title": {"en": "Cluster vouchers for weavers"}, "summary": {"en": "Looms."}},
    )
    rebuild()
    return practice


def meta_line(html: str) -> str:
    item = re.search(r'<li data-type="best_practice">(.*?)</li>', html, re.S)
    assert item, "the practice is found"
    return re.search(r'<p class="muted">(.*?)</p>', item.group(1), re.S).group(1)


@pytest.mark.parametrize(("prefix", "name"), [("", "Qaria"), ("/fr", "Qarie"), ("/ar", "القارية")])
def test_a_result_shows_the_country_name_and_the_practices_own_year(client, practice, prefix, name):
    meta = meta_line(client.get(f"{prefix}/search/", {"q": "cluster vouchers"}).content.decode())
    assert name in meta
    assert "XQA" not in meta
    assert "2019" in meta
    assert str(timezone.now().year) not in meta
