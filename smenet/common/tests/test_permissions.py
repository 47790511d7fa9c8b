"""The chokepoint helper: 404 for what is out of sight, 403 for what is within reach."""

from __future__ import annotations

import pytest

from smenet.common.errors import NotFound, PermissionDenied
from smenet.common.permissions import Action, get_for_user
from smenet.knowledge.choices import PracticeStatus
from smenet.knowledge.models import BestPractice
from smenet.knowledge.tests.factories import BestPracticeFactory
from smenet.registry import roles
from smenet.registry.choices import Role
from smenet.registry.models import Institution
from smenet.registry.tests.factories import InstitutionFactory, UserFactory, assign

pytestmark = pytest.mark.django_db


def test_the_object_when_allowed(focal_point_of):
    own = InstitutionFactory()
    got = get_for_user(
        Institution.objects.all(), user=focal_point_of(own), action=Action.CHANGE, pk=own.pk
    )
    assert got == own


def test_out_of_sight_is_not_found(focal_point_of):
    a, b = InstitutionFactory(), InstitutionFactory()
    draft = BestPracticeFactory(institution=b, country=b.country, status=PracticeStatus.DRAFT)
    with pytest.raises(NotFound) as caught:
        get_for_user(
            BestPractice.objects.all(), user=focal_point_of(a), pk=draft.pk, not_found="gone"
        )
    assert caught.value.message == "gone" and caught.value.status == 404
    with pytest.raises(NotFound):
        get_for_user(BestPractice.objects.all(), user=None, pk=draft.pk + 1000)


def test_within_reach_but_not_now_is_refused(focal_point_of):
    own = InstitutionFactory()
    published = BestPracticeFactory(
        institution=own, country=own.country, status=PracticeStatus.PUBLISHED
    )
    with pytest.raises(PermissionDenied) as caught:
        get_for_user(
            BestPractice.objects.all(),
            user=focal_point_of(own),
            action=Action.CHANGE,
            pk=published.pk,
            refused="not now",
            code="frozen",
        )
    assert caught.value.message == "not now" and caught.value.code == "frozen"


def test_an_unknown_action_yields_nothing(secretariat_user, focal_point_of):
    own = InstitutionFactory()
    assert not Institution.objects.visible_to(focal_point_of(own), "launch").exists()


def test_focal_points_of_lists_each_person_per_institution():
    a, b, c = InstitutionFactory(), InstitutionFactory(), InstitutionFactory()
    both = assign(assign(UserFactory(), Role.FOCAL_POINT, a), Role.FOCAL_POINT, b)
    only_b = assign(UserFactory(), Role.FOCAL_POINT, b)
    assign(UserFactory(is_active=False), Role.FOCAL_POINT, a)  # left: no mail
    assign(UserFactory(), Role.BUREAU)
    assign(UserFactory(), Role.FOCAL_POINT, c)
    rows = [(u.pk, u.focal_for_id) for u in roles.focal_points_of([a, b.pk])]
    assert rows == [(both.pk, a.pk), *sorted([(both.pk, b.pk), (only_b.pk, b.pk)])]
    assert [u.pk for u in roles.focal_points_of(a)] == [both.pk]
    assert list(roles.focal_points_of([])) == []


def test_focal_points_in_countries_lists_each_person_per_institution():
    from smenet.registry.tests.factories import CountryFactory

    x, y, z = CountryFactory(iso3="XXA"), CountryFactory(iso3="XXB"), CountryFactory(iso3="XXC")
    a1, a2 = InstitutionFactory(country=x), InstitutionFactory(country=x)
    b = InstitutionFactory(country=y)
    first = assign(UserFactory(), Role.FOCAL_POINT, a1)
    second = assign(assign(UserFactory(), Role.FOCAL_POINT, a2), Role.FOCAL_POINT, b)
    assign(UserFactory(is_active=False), Role.FOCAL_POINT, a1)
    assign(UserFactory(), Role.FOCAL_POINT, InstitutionFactory(country=z))
    rows = [(u.pk, u.focal_for_id, u.focal_country_id) for u in roles.focal_points_in([x, y.pk])]
    assert rows == [(first.pk, a1.pk, x.pk), (second.pk, a2.pk, x.pk), (second.pk, b.pk, y.pk)]
    assert list(roles.focal_points_in([])) == []
