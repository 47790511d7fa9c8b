"""The statistics' country profile lists the country's public services (through the hook
``statistics.hooks.country_services`` and this app's selector), each linked to its page."""

from __future__ import annotations

import pytest

from smenet.registry.models import Country
from smenet.registry.tests.factories import InstitutionFactory
from smenet.services_directory import services
from smenet.services_directory.choices import ReviewStatus

from .factories import ServiceFactory

pytestmark = pytest.mark.django_db


def test_country_profile_lists_published_services_of_the_country_only(client, reference_data):
    aze, tur = Country.objects.get(iso3="AZE"), Country.objects.get(iso3="TUR")
    agency, other = InstitutionFactory(country=aze), InstitutionFactory(country=tur)
    shown = ServiceFactory(institution=agency, texts={"title": {"en": "Export coaching"}})
    draft = ServiceFactory(
        institution=agency,
        review_status=ReviewStatus.DRAFT,
        texts={"title": {"en": "Draft loan scheme"}},
    )
    archived = ServiceFactory(institution=agency, texts={"title": {"en": "Old voucher"}})
    services.service_archive(actor=None, service=archived)
    ServiceFactory(institution=other, texts={"title": {"en": "Turkish grant"}})

    response = client.get("/statistics/countries/AZE/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<a href="{shown.get_absolute_url()}">Export coaching</a>' in html
    assert "Draft loan scheme" not in html and draft.get_absolute_url() not in html
    assert "Old voucher" not in html
    assert "Turkish grant" not in html


def test_country_profile_without_services_has_no_section(client, reference_data):
    html = client.get("/ar/statistics/countries/AZE/").content.decode()
    assert 'href="/ar/services/' not in html.split("<main", 1)[1].split("</main>", 1)[0]
