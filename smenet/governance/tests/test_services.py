import datetime

import pytest
from django.db import IntegrityError, transaction

from smenet.common.errors import Conflict, DomainError, PermissionDenied
from smenet.governance import services
from smenet.governance.choices import DecisionKind, VotingMethod
from smenet.governance.models import Decision, Mandate
from smenet.governance.tests.factories import BodyFactory, PositionFactory
from smenet.registry.choices import CountryStatus, MembershipStatus
from smenet.registry.tests.factories import CountryFactory, InstitutionFactory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.mark.parametrize(
    ("start", "years", "end"),
    [
        (D(2025, 10, 7), 3, D(2028, 10, 6)),
        (D(2024, 2, 29), 1, D(2025, 2, 28)),
        (D(2025, 1, 1), 2, D(2026, 12, 31)),
        (D(2025, 1, 1), None, None),
    ],
)
def test_term_end(start, years, end):
    assert services.term_end(start, years) == end


@pytest.fixture
def chair():
    return PositionFactory(body=BodyFactory(code="bureau", term_years=3), code="chair", seats=1)


def test_mandate_defaults_to_the_body_term(secretariat_user, chair):
    m = services.mandate_create(
        actor=secretariat_user, position=chair, holder=InstitutionFactory(), start=D(2025, 10, 7)
    )
    assert m.end == D(2028, 10, 6) and m.exclusive
    assert m.history.first().history_user == secretariat_user


def test_overlapping_mandate_for_a_single_seat_is_refused(secretariat_user, chair):
    first = InstitutionFactory(acronym="FIRST")
    services.mandate_create(
        actor=secretariat_user, position=chair, holder=first, start=D(2025, 10, 7)
    )
    with pytest.raises(Conflict) as exc:
        services.mandate_create(
            actor=secretariat_user, position=chair, holder=InstitutionFactory(), start=D(2027, 1, 1)
        )
    assert exc.value.code == "overlapping_mandate" and "FIRST" in str(exc.value.message)
    assert Mandate.objects.count() == 1
    # The next term, starting the day after, is fine.
    services.mandate_create(
        actor=secretariat_user, position=chair, holder=InstitutionFactory(), start=D(2028, 10, 7)
    )


def test_multi_seat_position_allows_as_many_holders_as_seats(secretariat_user):
    vice = PositionFactory(code="vice-chair-arab", seats=2)
    a, b, c = InstitutionFactory.create_batch(3)
    day = D(2025, 10, 7)
    services.mandate_create(actor=secretariat_user, position=vice, holder=a, start=day)
    with pytest.raises(Conflict):
        services.mandate_create(actor=secretariat_user, position=vice, holder=a, start=day)
    services.mandate_create(actor=secretariat_user, position=vice, holder=b, start=day)
    with pytest.raises(Conflict):
        services.mandate_create(actor=secretariat_user, position=vice, holder=c, start=day)
    assert Mandate.objects.filter(position=vice).count() == 2


@pytest.mark.parametrize(
    "make_holder",
    [
        lambda: InstitutionFactory(membership_status=MembershipStatus.SUSPENDED),
        lambda: InstitutionFactory(membership_status=MembershipStatus.INVITED),
        lambda: InstitutionFactory(country=CountryFactory(status=CountryStatus.SUSPENDED)),
    ],
    ids=["suspended-institution", "invited-institution", "suspended-country"],
)
def test_holder_must_be_in_good_standing(secretariat_user, chair, make_holder):
    with pytest.raises(DomainError) as exc:
        services.mandate_create(
            actor=secretariat_user, position=chair, holder=make_holder(), start=D(2025, 10, 7)
        )
    assert exc.value.code == "holder_not_in_good_standing" and exc.value.field == "holder"
    assert not Mandate.objects.exists()


def test_only_the_secretariat_creates_mandates(focal_point_of, chair):
    holder = InstitutionFactory()
    with pytest.raises(PermissionDenied):
        services.mandate_create(
            actor=focal_point_of(holder), position=chair, holder=holder, start=D(2025, 10, 7)
        )


def test_the_database_refuses_overlaps_even_without_the_service(chair):
    """The rule holds in the database too (PostgreSQL exclusion constraint, SQLite trigger)."""
    a, b = InstitutionFactory.create_batch(2)
    Mandate.objects.create(position=chair, holder=a, start=D(2025, 1, 1), end=D(2025, 12, 31))
    with pytest.raises(IntegrityError), transaction.atomic():
        Mandate.objects.create(position=chair, holder=b, start=D(2025, 6, 1), end=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        Mandate.objects.create(position=chair, holder=b, start=D(2024, 1, 1), end=D(2025, 1, 1))
    Mandate.objects.create(position=chair, holder=b, start=D(2026, 1, 1), end=None)
    later = Mandate.objects.create(
        position=chair, holder=a, start=D(2024, 1, 1), end=D(2024, 6, 30)
    )
    later.end = D(2025, 3, 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        later.save()
    # Multi-seat positions are not exclusive: the service counts their seats instead.
    vice = PositionFactory(code="vice", seats=2)
    Mandate.objects.create(position=vice, holder=a, start=D(2025, 1, 1), exclusive=False)
    Mandate.objects.create(position=vice, holder=b, start=D(2025, 1, 1), exclusive=False)


def test_mandate_end_early_keeps_history(secretariat_user, chair):
    m = services.mandate_create(
        actor=secretariat_user, position=chair, holder=InstitutionFactory(), start=D(2025, 10, 7)
    )
    services.mandate_end(actor=secretariat_user, mandate=m, end=D(2026, 1, 31), reason="resigned")
    assert [h.end for h in m.history.all()] == [D(2026, 1, 31), D(2028, 10, 6)]
    with pytest.raises(DomainError):
        services.mandate_end(actor=secretariat_user, mandate=m, end=D(2030, 1, 1))


def test_decision_creates_its_mandates_all_or_nothing(secretariat_user, chair):
    good, suspended = (
        InstitutionFactory(),
        InstitutionFactory(membership_status=MembershipStatus.SUSPENDED),
    )
    vice = PositionFactory(body=chair.body, code="vice", seats=2)
    with pytest.raises(DomainError) as exc:
        services.decision_record(
            actor=secretariat_user,
            reference="GA-1",
            body=chair.body,
            date=D(2025, 10, 7),
            kind=DecisionKind.ELECTION,
            voting=VotingMethod.UNANIMOUS,
            titles={"en": "Election"},
            elections=[
                services.Election(position=chair, holder=good),
                services.Election(position=vice, holder=suspended),
            ],
        )
    assert exc.value.field == "elections[1].holder"
    assert not Decision.objects.exists() and not Mandate.objects.exists()


def test_decision_by_vote_needs_counts(secretariat_user, chair):
    kwargs = dict(
        actor=secretariat_user,
        reference="GA-2",
        body=chair.body,
        date=D(2025, 10, 7),
        kind=DecisionKind.RESOLUTION,
        titles={"en": "Resolution"},
    )
    with pytest.raises(DomainError):
        services.decision_record(voting=VotingMethod.VOTE, votes_for=10, **kwargs)
    with pytest.raises(DomainError):
        services.decision_record(voting=VotingMethod.UNANIMOUS, votes_for=10, **kwargs)
    decision = services.decision_record(
        voting=VotingMethod.VOTE, votes_for=30, votes_against=2, abstentions=1, **kwargs
    )
    assert (decision.votes_for, decision.votes_against, decision.abstentions) == (30, 2, 1)


def test_back_office_form_applies_the_rules(chair):
    from smenet.governance.admin import MandateAdminForm

    holder = InstitutionFactory(acronym="HOLDER")
    Mandate.objects.create(position=chair, holder=holder, start=D(2025, 10, 7), end=D(2028, 10, 6))
    form = MandateAdminForm(
        data={"position": chair.pk, "holder": InstitutionFactory().pk, "start": "2026-01-01"}
    )
    assert not form.is_valid() and "HOLDER" in str(form.errors["start"])
    suspended = InstitutionFactory(membership_status=MembershipStatus.SUSPENDED)
    form = MandateAdminForm(
        data={"position": chair.pk, "holder": suspended.pk, "start": "2029-01-01"}
    )
    assert not form.is_valid() and "holder" in form.errors
    form = MandateAdminForm(
        data={"position": chair.pk, "holder": InstitutionFactory().pk, "start": "2028-10-07"}
    )
    assert form.is_valid(), form.errors
    mandate = form.save()
    assert mandate.end == D(2031, 10, 6) and mandate.exclusive
