import pytest

from smenet.registry.tests.factories import InstitutionFactory


@pytest.fixture
def world(focal_point_of, secretariat_user, bureau_user):
    """Two institutions (AAA in one country, BBB in another) with a focal point each, the
    Secretariat and the Bureau."""
    a = InstitutionFactory(acronym="AAA")
    b = InstitutionFactory(acronym="BBB")
    return {
        "a": a,
        "b": b,
        "fa": focal_point_of(a),
        "fb": focal_point_of(b),
        "sec": secretariat_user,
        "bureau": bureau_user,
    }
