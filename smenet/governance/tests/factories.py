import factory
from factory.django import DjangoModelFactory

from smenet.governance.choices import BodyKind, PositionKind
from smenet.governance.models import Body, Position
from smenet.registry.tests.factories import TranslatedFactory


class BodyFactory(TranslatedFactory):
    class Meta:
        model = Body
        django_get_or_create = ("code",)

    code = "bureau"
    kind = BodyKind.BUREAU
    term_years = 3
    names = factory.LazyAttribute(lambda o: {"en": o.code.title(), "ar": "المكتب"})


class PositionFactory(DjangoModelFactory):
    class Meta:
        model = Position

    body = factory.SubFactory(BodyFactory)
    code = factory.Sequence(lambda n: f"position-{n}")
    kind = PositionKind.CHAIR
    seats = 1
