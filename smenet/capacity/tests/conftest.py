import datetime

import pytest

from smenet.capacity import services
from smenet.capacity.tests.factories import ActivityTypeFactory, SubjectFactory
from smenet.registry.tests.factories import CountryFactory, InstitutionFactory


@pytest.fixture
def world(db, secretariat_user, focal_point_of):
    """Three institutions in three countries, two subjects, an open cycle asking all three."""
    finance = SubjectFactory(code="access-to-finance")
    digital = SubjectFactory(code="digital-transformation")
    a = InstitutionFactory(acronym="AAA", country=CountryFactory(iso3="XAA"))
    b = InstitutionFactory(acronym="BBB", country=CountryFactory(iso3="XBB"))
    c = InstitutionFactory(acronym="CCC", country=CountryFactory(iso3="XCC"))
    cycle = services.cycle_create(
        actor=secretariat_user,
        code="2026",
        titles={"en": "Cycle 2026", "ar": "دورة 2026"},
        opens_on=datetime.date(2026, 1, 1),
        closes_on=datetime.date(2026, 12, 31),
        institutions=[a, b, c],
    )
    return {
        "cycle": cycle,
        "a": a,
        "b": b,
        "c": c,
        "finance": finance,
        "digital": digital,
        "fa": focal_point_of(a),
        "fb": focal_point_of(b),
        "fc": focal_point_of(c),
        "secretariat": secretariat_user,
        "type": ActivityTypeFactory(),
    }
