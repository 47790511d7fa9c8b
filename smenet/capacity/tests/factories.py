import factory
from factory.django import DjangoModelFactory

from smenet.capacity.models import ActivityType
from smenet.registry.tests.factories import TranslatedFactory
from smenet.taxonomy.tests.factories import SubjectFactory


class ActivityTypeFactory(TranslatedFactory):
    class Meta:
        model = ActivityType
        django_get_or_create = ("code",)

    code = "training-course"
    names = factory.LazyAttribute(lambda o: {"en": "Training course", "ar": "دورة تدريبية"})


__all__ = ["SubjectFactory", "ActivityTypeFactory", "DjangoModelFactory"]
