"""Shared test fixtures: actors (who is acting) and the guards CI relies on.

Kept small on purpose: each test builds the world it needs with factories.
"""

from __future__ import annotations

import os

import pytest
from rest_framework.test import APIClient

IN_CI = bool(os.environ.get("CI"))


def pytest_sessionstart(session):
    expected = os.environ.get("SMENET_EXPECT_DB")
    if expected:
        from django.conf import settings

        engine = settings.DATABASES["default"]["ENGINE"]
        if expected not in engine:
            raise pytest.UsageError(
                f"SMENET_EXPECT_DB={expected} but the suite would run on {engine}."
            )


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def secretariat_user(db):
    from smenet.registry.choices import Role
    from smenet.registry.tests.factories import UserFactory, assign

    return assign(UserFactory(full_name="Secretariat Officer", is_staff=True), Role.SECRETARIAT)


@pytest.fixture
def bureau_user(db):
    from smenet.registry.choices import Role
    from smenet.registry.tests.factories import UserFactory, assign

    return assign(UserFactory(full_name="Bureau Member"), Role.BUREAU)


@pytest.fixture
def focal_point_of(db):
    """``focal_point_of(institution)`` → a user who is that institution's focal point."""
    from smenet.registry.choices import Role
    from smenet.registry.tests.factories import UserFactory, assign

    def make(institution):
        user = UserFactory(institution=institution, full_name=f"Focal point {institution.acronym}")
        return assign(user, Role.FOCAL_POINT, institution)

    return make


@pytest.fixture
def as_user():
    """``as_user(user)`` → a new API client, authenticated as that user (one client per actor,
    so that a test can act as several people in turn)."""

    def login(user):
        client = APIClient()
        client.force_authenticate(user=user)
        return client

    return login


@pytest.fixture
def reference_data(db):
    from smenet.common.reference import load_reference_data

    return load_reference_data()


@pytest.fixture
def founding(reference_data):
    """The real founding of the network (the demo's governance records) on the reference data."""
    from smenet.demo.loader import load_demo_data

    load_demo_data()
    return reference_data
