"""The finder's rendered cards are reused (cards.py): the same page, fewer queries, and never a
stale card after a change."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from smenet.registry.tests.factories import InstitutionFactory
from smenet.services_directory import cards, services

from .factories import ServiceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(world):
    return [
        ServiceFactory(institution=world["a"] if n % 2 else InstitutionFactory()) for n in range(5)
    ]


def _get(client, path: str) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200
    return response.content.decode(), len(ctx)


@pytest.mark.parametrize("path", ["/services/", "/ar/services/?size=small"])
def test_a_warm_page_is_the_same_page_with_fewer_queries(client, directory, monkeypatch, path):
    monkeypatch.setattr(cards, "ENABLED", False)
    uncached, _ = _get(client, path)
    monkeypatch.setattr(cards, "ENABLED", True)
    cards.forget_all()
    cold, cold_queries = _get(client, path)
    warm, warm_queries = _get(client, path)
    assert uncached == cold == warm
    assert warm_queries < cold_queries


def test_a_change_shows_at_once(client, directory):
    service = directory[0]
    assert "Renamed" not in _get(client, "/services/")[0]
    services.service_update(actor=None, service=service, texts={"title": {"en": "Renamed"}})
    assert "Renamed" in _get(client, "/services/")[0]
    service.institution.acronym = "NEWNAME"
    service.institution.save()
    assert "NEWNAME" in _get(client, "/services/")[0]


def test_cards_are_per_language(client, directory):
    services.service_update(
        actor=None, service=directory[0], texts={"title": {"en": "Title in English", "ar": "عربي"}}
    )
    assert "Title in English" in _get(client, "/services/")[0]
    arabic = _get(client, "/ar/services/")[0]
    assert "عربي" in arabic and "Title in English" not in arabic


def test_the_map_is_bounded(client, world, monkeypatch):
    monkeypatch.setattr(cards, "MAX_CARDS", 3)
    for _ in range(5):
        ServiceFactory(institution=world["a"])
    cards.forget_all()
    _get(client, "/services/")
    assert len(cards._cards) == 3


def test_the_count_is_kept_and_follows_a_new_service(client, directory, world):
    cards.forget_all()
    first, cold_queries = _get(client, "/services/?size=small")
    _again, warm_queries = _get(client, "/services/?size=small")
    assert warm_queries < cold_queries
    assert "5 services" in first
    ServiceFactory(institution=world["a"], sizes=["small"])
    assert "6 services" in _get(client, "/services/?size=small")[0]
    assert "6 services" in _get(client, "/services/")[0]
