"""Services are made through ``service_create`` (the one writer): facets, ref and history come
out as in production."""

from __future__ import annotations

import factory

from smenet.registry.tests.factories import InstitutionFactory
from smenet.services_directory import services
from smenet.services_directory.choices import ReviewStatus
from smenet.services_directory.models import Service


class ServiceFactory(factory.Factory):
    class Meta:
        model = Service

    institution = factory.SubFactory(InstitutionFactory)
    category = "training"
    original_language = "en"
    review_status = ReviewStatus.PUBLISHED
    texts = factory.Sequence(
        lambda n: {"title": {"en": f"Service {n}"}, "summary": {"en": f"What service {n} does."}}
    )

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        institution = kwargs.pop("institution")
        texts = kwargs.pop("texts")
        review_status = kwargs.pop("review_status")
        return services.service_create(
            actor=None, institution=institution, texts=texts, review_status=review_status, **kwargs
        )

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        raise NotImplementedError("services are created through service_create")
