import pytest

from smenet.registry.tests.factories import InstitutionFactory


@pytest.fixture
def institution_a(db):
    return InstitutionFactory(acronym="AAA")
