"""Data rounds: the Secretariat opens one, focal points submit, the Secretariat verifies or
returns; response rates; reminders sent by the task worker; nothing unverified is public."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail

from smenet.common.errors import Conflict, PermissionDenied, ValidationFailed
from smenet.registry.models import Country
from smenet.registry.tests.factories import InstitutionFactory
from smenet.statistics import selectors, services
from smenet.statistics.models import DataRound, Observation, RoundReminder, Submission
from smenet.statistics.records import Lookups, Raw, clean


@pytest.fixture
def world(indicators, focal_point_of, secretariat_user, bureau_user):
    aze = InstitutionFactory(acronym="AZEA", country=Country.objects.get(iso3="AZE"))
    tur = InstitutionFactory(acronym="TURA", country=Country.objects.get(iso3="TUR"))
    data_round = services.round_create(
        actor=secretariat_user,
        code="r2025",
        titles={"en": "Round 2025"},
        indicators=[indicators["share"], indicators["count"]],
        first_year=2023,
        last_year=2024,
        deadline=datetime.date(2030, 1, 31),
    )
    return {
        "round": data_round,
        "fa": focal_point_of(aze),
        "ft": focal_point_of(tur),
        "sec": secretariat_user,
        "bureau": bureau_user,
        **indicators,
    }


def record(area="AZE", period="2024", value=45.0, indicator="SME_EMP_SHARE", **extra):
    rec, problems = clean(
        Raw(where="", indicator=indicator, ref_area=area, period=period, value=value, **extra),
        Lookups(),
    )
    assert not problems, problems
    return rec


def test_round_lifecycle_submission_verification_and_response_rates(world):
    r = world["round"]
    with pytest.raises(Conflict):  # a draft round takes no figures
        services.submission_create(actor=world["fa"], record=record(), round=r)
    r = services.round_set_status(actor=world["sec"], round=r, status="open")
    s = services.submission_create(actor=world["fa"], record=record(), round=r)
    assert not Observation.objects.exists()
    rates = {x.country.code: x for x in selectors.round_response_rates(round=r)}
    assert (rates["AZE"].expected, rates["AZE"].submitted, rates["AZE"].percent) == (4, 1, 25)
    assert rates["TUR"].submitted == 0
    # Returned with a comment, corrected, then verified.
    services.submission_return(actor=world["sec"], submission=s, comment="Which survey?")
    s.refresh_from_db()
    s = services.submission_update(
        actor=world["fa"],
        submission=s,
        expected_version=s.version,
        record=record(value=46.0, source="https://example.org/survey"),
    )
    obs = services.submission_verify(actor=world["sec"], submission=s)
    assert (obs.value, obs.submitted_by, obs.verified_by, obs.round_id) == (
        46.0,
        world["fa"],
        world["sec"],
        r.pk,
    )
    assert selectors.round_response_rates(round=r)[0].verified in (0, 1)


def test_focal_point_of_a_cannot_read_or_change_bs_figures(world):
    r = services.round_set_status(actor=world["sec"], round=world["round"], status="open")
    s = services.submission_create(actor=world["fa"], record=record(), round=r)
    with pytest.raises(PermissionDenied):
        services.submission_create(
            actor=world["ft"], record=record(area="AZE", period="2023"), round=r
        )
    from smenet.common.errors import NotFound

    with pytest.raises(NotFound):
        selectors.submission_get_for_user(user=world["ft"], pk=s.pk)
    with pytest.raises(NotFound):
        selectors.submission_get_for_user(user=world["ft"], pk=s.pk, action="change")
    assert selectors.submission_get_for_user(user=world["bureau"], pk=s.pk) == s
    with pytest.raises(PermissionDenied):
        services.submission_verify(actor=world["fa"], submission=s)


def test_round_rules(world):
    r = services.round_set_status(actor=world["sec"], round=world["round"], status="open")
    with pytest.raises(ValidationFailed) as exc:
        services.submission_create(actor=world["fa"], record=record(period="2019"), round=r)
    assert "period" in exc.value.errors
    with pytest.raises(ValidationFailed) as exc:
        services.submission_create(
            actor=world["fa"], record=record(value=None, obs_status="M"), round=r
        )
    assert "note" in exc.value.errors
    services.submission_create(
        actor=world["fa"],
        record=record(value=None, obs_status="M", note="No survey in 2024."),
        round=r,
    )
    with pytest.raises(Conflict):
        services.round_set_status(actor=world["sec"], round=r, status="draft")


def test_stale_edit_is_refused(world):
    r = services.round_set_status(actor=world["sec"], round=world["round"], status="open")
    s = services.submission_create(actor=world["fa"], record=record(), round=r)
    services.submission_update(
        actor=world["fa"], submission=s, expected_version=1, record=record(value=44.0)
    )
    with pytest.raises(Conflict):
        services.submission_update(
            actor=world["fa"], submission=s, expected_version=1, record=record(value=43.0)
        )
    assert Submission.objects.get().value == 44.0


def test_reminders_go_to_focal_points_of_countries_still_missing_figures(
    world, django_capture_on_commit_callbacks
):
    r = services.round_set_status(actor=world["sec"], round=world["round"], status="open")
    for period, indicator, value in (
        ("2023", "SME_EMP_SHARE", 44.0),
        ("2024", "SME_EMP_SHARE", 45.0),
        ("2023", "SME_COUNT", 1000),
        ("2024", "SME_COUNT", 1010),
    ):
        services.submission_create(
            actor=world["fa"],
            record=record(period=period, indicator=indicator, value=value),
            round=r,
        )
    with django_capture_on_commit_callbacks(execute=True):
        countries = services.round_send_reminders(
            actor=world["sec"], round=DataRound.objects.get(pk=r.pk)
        )
    assert countries == 56  # every member state but Azerbaijan, which answered everything
    recipients = {m.to[0] for m in mail.outbox}
    assert world["ft"].email in recipients and world["fa"].email not in recipients
    assert RoundReminder.objects.filter(country__iso3="TUR").exists()


def test_round_pages(client, world):
    r = services.round_set_status(actor=world["sec"], round=world["round"], status="open")
    client.force_login(world["fa"])
    assert client.get("/statistics/rounds/").status_code == 200
    page = client.get(f"/statistics/rounds/{r.code}/")
    assert page.status_code == 200
    response = client.post(
        f"/statistics/rounds/{r.code}/submit/",
        {
            "indicator": "SME_EMP_SHARE",
            "period": "2024",
            "value": "-2",
            "obs_status": "A",
            "definition": "",
        },
    )
    assert response.status_code == 400
    assert "a share cannot be negative" in response.content.decode()
    response = client.post(
        f"/statistics/rounds/{r.code}/submit/",
        {
            "indicator": "SME_EMP_SHARE",
            "period": "2024",
            "value": "45.5",
            "obs_status": "A",
            "definition": "",
        },
    )
    assert response.status_code == 302
    s = Submission.objects.get()
    assert client.get(f"/statistics/submissions/{s.pk}/review/").status_code == 403
    client.force_login(world["ft"])
    assert client.get(f"/statistics/submissions/{s.pk}/edit/").status_code == 404
    client.force_login(world["sec"])
    assert client.get("/statistics/verification/").status_code == 200
    response = client.post(
        f"/statistics/submissions/{s.pk}/review/", {"decision": "verify", "version": s.version}
    )
    assert response.status_code == 302
    assert Observation.objects.get().value == 45.5


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"status": "opened"}, "Status"),
        ({"status": "open\u202e"}, "Status"),
        ({"status": "open", "version": "1\x00"}, ""),
        ({"status": "open", "version": str(2**63)}, ""),
    ],
)
def test_a_tampered_round_status_button_is_a_400_and_changes_nothing(client, world, data, field):
    """A button step (hidden fields): bad input is refused with a 400 page naming the field,
    not a redirect with a message; the round is untouched."""
    r = world["round"]
    client.force_login(world["sec"])
    response = client.post(f"/statistics/rounds/{r.code}/status/", data)
    assert response.status_code == 400
    assert field in response.content.decode()
    r.refresh_from_db()
    assert (r.status, r.version) == ("draft", 1)
    # The untampered button works.
    ok = client.post(f"/statistics/rounds/{r.code}/status/", {"status": "open", "version": 1})
    assert ok.status_code == 302
    r.refresh_from_db()
    assert r.status == "open"


def test_a_submitted_figure_is_public_only_once_verified(client, world):
    """The public pages and their downloads read the verified figures alone: a focal point's
    submission shows on none of them (not even to its author) until the Secretariat verifies it."""
    r = services.round_set_status(actor=world["sec"], round=world["round"], status="open")
    s = services.submission_create(actor=world["fa"], record=record(value=45.5), round=r)
    pages = [
        "/statistics/countries/AZE/?format=csv",
        "/statistics/indicators/SME_EMP_SHARE/?year=2024&format=csv",
        "/statistics/map/?indicator=SME_EMP_SHARE&year=2024&format=csv",
        "/statistics/export/?indicator=SME_EMP_SHARE&format=csv",
    ]

    def published(page):
        response = client.get(page)
        assert response.status_code == 200, page
        body = b"".join(response.streaming_content) if response.streaming else response.content
        return "45.5" in body.decode()

    for user in (None, world["fa"]):
        if user:
            client.force_login(user)
        assert not any(published(page) for page in pages)
        assert "45.5" not in client.get("/statistics/countries/AZE/").content.decode()
    services.submission_verify(actor=world["sec"], submission=s)
    assert all(published(page) for page in pages)
