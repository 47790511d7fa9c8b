from __future__ import annotations

import datetime

import factory
from factory.django import DjangoModelFactory

from smenet.common.translation import set_translations
from smenet.knowledge.choices import Confidentiality, PracticeStatus, PublicationKind
from smenet.knowledge.models import BestPractice, BestPracticeSubject, Publication
from smenet.registry.tests.factories import CountryFactory, InstitutionFactory


class _TextsFactory(DjangoModelFactory):
    """Takes ``texts={"title": {"en": …}, "summary": {…}}`` (parler translations)."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        texts = kwargs.pop("texts")
        subjects = kwargs.pop("subjects", [])
        obj = model_class(*args, **kwargs)
        set_translations(obj, texts)
        obj.save()
        for code in subjects:
            BestPracticeSubject.objects.create(best_practice=obj, code=code)
        return obj


class BestPracticeFactory(_TextsFactory):
    class Meta:
        model = BestPractice

    ref = factory.Sequence(lambda n: f"bp-test-{n:04d}")
    institution = factory.SubFactory(InstitutionFactory)
    country = factory.LazyAttribute(lambda o: o.institution.country if o.institution else None)
    year = 2024
    original_language = "en"
    status = PracticeStatus.PUBLISHED
    texts = factory.LazyAttribute(
        lambda o: {"title": {"en": f"Practice {o.ref}"}, "summary": {"en": "A summary."}}
    )


class PublicationFactory(_TextsFactory):
    class Meta:
        model = Publication

    ref = factory.Sequence(lambda n: f"pub-test-{n:04d}")
    kind = PublicationKind.REPORT
    date = datetime.date(2025, 10, 7)
    confidentiality = Confidentiality.PUBLIC
    country = factory.SubFactory(CountryFactory)
    texts = factory.LazyAttribute(lambda o: {"title": {"en": f"Report {o.ref}"}})
