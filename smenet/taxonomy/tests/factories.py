import factory

from smenet.registry.tests.factories import TranslatedFactory
from smenet.taxonomy.models import Subject


class SubjectFactory(TranslatedFactory):
    class Meta:
        model = Subject
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"subject-{n}")
    names = factory.LazyAttribute(lambda o: {"en": o.code.replace("-", " ").title(), "ar": "موضوع"})
