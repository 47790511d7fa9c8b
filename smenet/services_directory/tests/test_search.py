"""Search type ``service`` (docs/contracts.md): published services for everyone, drafts for their
institution; archived ones leave the index; cross-lingual through the one search."""

from __future__ import annotations

import pytest

from smenet.services_directory import services
from smenet.services_directory.choices import ReviewStatus

from .factories import ServiceFactory

pytestmark = pytest.mark.django_db


def hits(client, **params):
    response = client.get("/api/v1/search/", {"type": "service", **params})
    assert response.status_code == 200, response.content
    return {(h["type"], h["id"]) for h in response.json()["results"]}


def test_services_are_searchable_by_type(api, as_user, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        public = ServiceFactory(
            institution=world["a"],
            category="export-support",
            texts={
                "title": {"fr": "Accompagnement des exportateurs"},
                "summary": {"fr": "Salons et acheteurs."},
            },
            original_language="fr",
        )
        draft = ServiceFactory(
            institution=world["b"],
            review_status=ReviewStatus.DRAFT,
            texts={"title": {"en": "Exporters' club"}},
        )
    assert hits(api, q="exportateurs") == {("service", public.pk)}
    assert ("service", public.pk) in hits(api, q="تصدير")  # the category's Arabic name
    assert ("service", draft.pk) not in hits(api, q="exporters")
    assert ("service", draft.pk) in hits(as_user(world["fb"]), q="exporters")
    with django_capture_on_commit_callbacks(execute=True):
        services.service_archive(actor=None, service=public)
    assert hits(api, q="exportateurs") == set()
