import factory
from factory.django import DjangoModelFactory

from smenet.capacity.models import ActivityType, Subject
from smenet.registry.tests.factories import TranslatedFactory


class SubjectFactory(TranslatedFactory):
    class Meta:
        model = Subject
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"subject-{n}")
    names = factory.LazyAttribute(lambda o: {"en": o.code.replace("-", " ").title(), "ar": "موضوع"})


class ActivityTypeFactory(TranslatedFactory):
    class Meta:
        model = ActivityType
        django_get_or_create = ("code",)

    code = "training-course"
    names = factory.LazyAttribute(lambda o: {"en": "Training course", "ar": "دورة تدريبية"})


__all__ = ["SubjectFactory", "ActivityTypeFactory", "DjangoModelFactory"]
