"""``/api/v1/indicators/`` and ``/api/v1/observations/``: reads, filters, writes, permissions."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from smenet.api.testing import problem
from smenet.registry.tests.factories import InstitutionFactory
from smenet.statistics.importer import import_statistics_data
from smenet.statistics.models import Observation, ObservationRevision, Submission

DATA = (
    "indicator,ref_area,period,value,unit,obs_status,source,definition\n"
    "SME_EMP_SHARE,AZE,2018,40.0,,,https://example.org/a,\n"
    "SME_EMP_SHARE,AZE,2019,43.7,,E,https://example.org/a,\n"
    "SME_EMP_SHARE,TUR,2019,72.5,,,,\n"
    "SME_EMP_SHARE,OIC,2025,93,,,,\n"
    "SME_COUNT,SAU,2023-Q3,1270000,,,,\n"
)


@pytest.fixture
def seeded(indicators):
    import_statistics_data(DATA.encode(), name="seed.csv")
    return indicators


@pytest.fixture
def people(seeded, focal_point_of, secretariat_user):
    from smenet.registry.models import Country

    aze = InstitutionFactory(acronym="AZEA", country=Country.objects.get(iso3="AZE"))
    tur = InstitutionFactory(acronym="TURA", country=Country.objects.get(iso3="TUR"))
    return {"fa": focal_point_of(aze), "ft": focal_point_of(tur), "sec": secretariat_user}


def test_indicators_list_the_contract_fields(api, seeded):
    body = api.get("/api/v1/indicators/").json()
    assert body["count"] == 2
    item = next(i for i in body["results"] if i["code"] == "SME_EMP_SHARE")
    assert {"code", "name", "unit"} <= set(item)
    assert item["unit"] == "PC"
    assert api.get("/api/v1/indicators/SME_EMP_SHARE/").json()["code"] == "SME_EMP_SHARE"
    assert api.get("/api/v1/indicators/NOPE/").status_code == 404


def test_observations_carry_the_contract_fields(api, seeded):
    body = api.get("/api/v1/observations/?indicator=SME_EMP_SHARE&ref_area=AZE").json()
    assert body["count"] == 2
    first = body["results"][0]
    assert first == {
        **first,
        "indicator": "SME_EMP_SHARE",
        "ref_area": "AZE",
        "period": "2018",
        "value": 40.0,
        "unit": "PC",
        "obs_status": "A",
        "source": "https://example.org/a",
        "verification": "verified",
    }
    assert isinstance(first["value"], float)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ref_area=OIC", {("OIC", "2025")}),
        ("ref_area=aze,TUR&period=2019", {("AZE", "2019"), ("TUR", "2019")}),
        ("from=2019&to=2019&indicator=SME_EMP_SHARE", {("AZE", "2019"), ("TUR", "2019")}),
        ("from=2023-Q3", {("OIC", "2025"), ("SAU", "2023-Q3")}),
        ("to=2023", {("AZE", "2018"), ("AZE", "2019"), ("TUR", "2019"), ("SAU", "2023-Q3")}),
        ("status=E", {("AZE", "2019")}),
        ("period=2023-Q3", {("SAU", "2023-Q3")}),
    ],
)
def test_observation_filters(api, seeded, query, expected):
    body = api.get(f"/api/v1/observations/?{query}").json()
    assert {(r["ref_area"], r["period"]) for r in body["results"]} == expected


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("indicator=NOPE", "indicator"),
        ("ref_area=XXX", "ref_area"),
        ("ref_area=AZE,QQQ", "ref_area"),
        ("period=2019-Q5", "period"),
        ("from=soon", "from"),
        ("to=20", "to"),
        ("status=Z", "status"),
        ("colour=red", "colour"),
    ],
)
def test_bad_filters_are_400_naming_the_parameter(api, seeded, query, field):
    response = api.get(f"/api/v1/observations/?{query}")
    assert response.status_code == 400
    assert field in problem(response)["errors"]


def test_observation_list_query_count_does_not_grow(api, seeded, django_assert_max_num_queries):
    with CaptureQueriesContext(connection) as few:
        api.get("/api/v1/observations/?page_size=200")
    more = "indicator,ref_area,period,value\n" + "".join(
        f"SME_EMP_SHARE,{c},{y},50\n"
        for c in ("EGY", "IRN", "PAK", "MAR")
        for y in range(2000, 2018)
    )
    import_statistics_data(more.encode(), name="more.csv")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = api.get("/api/v1/observations/?page_size=200")
    assert response.json()["count"] == 5 + 72


def test_anonymous_cannot_write(api, seeded):
    response = api.post(
        "/api/v1/observations/",
        {"indicator": "SME_EMP_SHARE", "ref_area": "AZE", "period": "2020", "value": 1},
        format="json",
    )
    assert response.status_code in (401, 403)
    assert not Observation.objects.filter(period="2020").exists()


def test_secretariat_writes_a_verified_figure_and_a_revision(api, people):
    api.force_authenticate(people["sec"])
    response = api.post(
        "/api/v1/observations/",
        {
            "indicator": "SME_EMP_SHARE",
            "ref_area": "AZE",
            "period": "2019",
            "value": 44.0,
            "source": "https://example.org/b",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["value"] == 44.0
    assert response.json()["verification"] == "verified"
    assert ObservationRevision.objects.get().value == 43.7


def test_focal_point_submission_waits_for_verification_and_is_not_public(api, people):
    api.force_authenticate(people["fa"])
    response = api.post(
        "/api/v1/observations/",
        {
            "indicator": "SME_EMP_SHARE",
            "ref_area": "AZE",
            "period": "2020",
            "value": 45.0,
            "definition": "",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["verification"] == "submitted"
    api.force_authenticate(None)
    public = api.get("/api/v1/observations/?ref_area=AZE&period=2020").json()
    assert public["count"] == 0  # nothing unverified is shown as verified
    # The Secretariat verifies it: now it is public, attributed to both.
    api.force_authenticate(people["sec"])
    pk = Submission.objects.get().pk
    verified = api.post(f"/api/v1/observation-submissions/{pk}/verify/", {}, format="json")
    assert verified.status_code == 200, verified.content
    obs = Observation.objects.get(ref_area="AZE", period="2020")
    assert (obs.submitted_by, obs.verified_by) == (people["fa"], people["sec"])
    api.force_authenticate(None)
    assert api.get("/api/v1/observations/?ref_area=AZE&period=2020").json()["count"] == 1


def test_focal_point_cannot_submit_or_read_for_another_country(api, people):
    api.force_authenticate(people["ft"])
    response = api.post(
        "/api/v1/observations/",
        {"indicator": "SME_EMP_SHARE", "ref_area": "AZE", "period": "2020", "value": 45.0},
        format="json",
    )
    assert response.status_code == 403
    assert problem(response)["code"] == "not_your_country"
    api.force_authenticate(people["fa"])
    api.post(
        "/api/v1/observations/",
        {"indicator": "SME_EMP_SHARE", "ref_area": "AZE", "period": "2020", "value": 45.0},
        format="json",
    )
    pk = Submission.objects.get().pk
    api.force_authenticate(people["ft"])
    assert api.get(f"/api/v1/observation-submissions/{pk}/").status_code == 404
    assert api.get("/api/v1/observation-submissions/").json()["count"] == 0
    assert (
        api.post(f"/api/v1/observation-submissions/{pk}/verify/", {}, format="json").status_code
        == 404
    )
    api.force_authenticate(people["fa"])
    assert (
        api.post(f"/api/v1/observation-submissions/{pk}/verify/", {}, format="json").status_code
        == 403
    )


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"indicator": "NOPE"}, "indicator"),
        ({"ref_area": "XXX"}, "ref_area"),
        ({"period": "2999"}, "period"),
        ({"unit": "ENT"}, "unit"),
        ({"value": -3}, "value"),
        ({"value": "lots"}, "value"),
        ({"source": "not a url"}, "source"),
    ],
)
def test_bad_writes_name_the_field_and_save_nothing(api, people, payload, field):
    api.force_authenticate(people["sec"])
    before = Observation.objects.count()
    response = api.post(
        "/api/v1/observations/",
        {"indicator": "SME_EMP_SHARE", "ref_area": "AZE", "period": "2021", "value": 10, **payload},
        format="json",
    )
    assert response.status_code == 400
    assert field in problem(response)["errors"]
    assert Observation.objects.count() == before


def test_a_large_change_asks_a_focal_point_for_a_comment(api, people):
    api.force_authenticate(people["fa"])
    body = {"indicator": "SME_EMP_SHARE", "ref_area": "AZE", "period": "2020", "value": 80.0}
    response = api.post("/api/v1/observations/", body, format="json")
    assert response.status_code == 400
    assert "comment" in problem(response)["errors"]
    assert "83 %" in problem(response)["errors"]["comment"][0]
    assert not Submission.objects.exists()
    response = api.post("/api/v1/observations/", {**body, "comment": "New census."}, format="json")
    assert response.status_code == 201
    again = api.post("/api/v1/observations/", {**body, "comment": "New census."}, format="json")
    assert again.status_code == 409


def _submitted(api, fa) -> Submission:
    api.force_authenticate(fa)
    body = {"indicator": "SME_EMP_SHARE", "ref_area": "AZE", "period": "2020", "value": 45.0}
    assert api.post("/api/v1/observations/", body, format="json").status_code == 201
    return Submission.objects.get()


def test_focal_point_corrects_a_pending_figure_with_its_version(api, people):
    sub = _submitted(api, people["fa"])
    url = f"/api/v1/observation-submissions/{sub.pk}/"
    response = api.patch(url, {"version": sub.version, "value": 46.5}, format="json")
    assert response.status_code == 200, response.content
    assert (response.json()["value"], response.json()["version"]) == (46.5, sub.version + 1)
    sub.refresh_from_db()
    assert (sub.value, sub.indicator.code, sub.period) == (46.5, "SME_EMP_SHARE", "2020")
    assert sub.history.first().history_user == people["fa"]
    # A stale version: 409 naming who changed it, nothing saved.
    stale = api.patch(url, {"version": 1, "value": 47}, format="json")
    assert stale.status_code == 409 and problem(stale)["code"] == "edit_conflict"
    # Bad value: 400 naming the field.
    bad = api.patch(url, {"version": sub.version, "value": -4}, format="json")
    assert bad.status_code == 400 and "value" in problem(bad)["errors"]
    missing = api.patch(url, {"value": 47}, format="json")
    assert missing.status_code == 400 and "version" in problem(missing)["errors"]
    sub.refresh_from_db()
    assert sub.value == 46.5
    # Another country's focal point does not see it; once verified it no longer changes.
    api.force_authenticate(people["ft"])
    assert api.patch(url, {"version": sub.version, "value": 1}, format="json").status_code == 404
    api.force_authenticate(people["sec"])
    verify = f"{url}verify/"
    assert api.post(verify, {"version": sub.version}, format="json").status_code == 200
    again = api.post(verify, {"version": sub.version + 1}, format="json")
    assert again.status_code == 409 and problem(again)["code"] == "not_submitted"
    api.force_authenticate(people["fa"])
    assert (
        api.patch(url, {"version": sub.version + 1, "value": 1}, format="json").status_code == 403
    )


def test_data_rounds_api_for_the_secretariat_and_focal_points(api, people):
    import datetime

    from smenet.statistics import services
    from smenet.statistics.models import DataRound, Indicator

    services.round_create(
        actor=people["sec"],
        code="r2026",
        titles={"en": "Round 2026", "fr": "Cycle 2026"},
        indicators=list(Indicator.objects.all()),
        first_year=2024,
        last_year=2025,
        deadline=datetime.date(2099, 1, 31),
    )
    api.force_authenticate(people["fa"])
    assert api.get("/api/v1/data-rounds/").json()["count"] == 0  # a draft is the Secretariat's
    assert api.get("/api/v1/data-rounds/r2026/").status_code == 404
    api.force_authenticate(people["sec"])
    body = api.get("/api/v1/data-rounds/r2026/", HTTP_ACCEPT_LANGUAGE="fr").json()
    assert (body["title"], body["status"], body["version"]) == ("Cycle 2026", "draft", 1)
    assert sorted(body["indicators"]) == ["SME_COUNT", "SME_EMP_SHARE"]
    move = "/api/v1/data-rounds/r2026/transition/"
    opened = api.post(move, {"status": "open", "version": 1}, format="json")
    assert opened.status_code == 200 and opened.json()["status"] == "open"
    illegal = api.post(move, {"status": "draft"}, format="json")
    assert illegal.status_code == 409 and problem(illegal)["code"] == "bad_transition"
    stale = api.post(move, {"status": "closed", "version": 1}, format="json")
    assert stale.status_code == 409 and problem(stale)["code"] == "edit_conflict"
    later = api.patch(
        "/api/v1/data-rounds/r2026/", {"version": 2, "deadline": "2099-03-31"}, format="json"
    )
    assert later.status_code == 200 and later.json()["deadline"] == "2099-03-31"
    reversed_dates = api.patch(
        "/api/v1/data-rounds/r2026/", {"version": 3, "opens_on": "2099-06-01"}, format="json"
    )
    assert reversed_dates.status_code == 400 and "deadline" in problem(reversed_dates)["errors"]
    assert DataRound.objects.get().opens_on is None
    # Focal points see the opened round but do not change it.
    api.force_authenticate(people["fa"])
    assert api.get("/api/v1/data-rounds/").json()["count"] == 1
    refused = api.patch("/api/v1/data-rounds/r2026/", {"version": 3, "deadline": "2099-12-31"})
    assert refused.status_code == 403
    assert api.post(move, {"status": "closed"}, format="json").status_code == 403
    assert DataRound.objects.get().deadline == datetime.date(2099, 3, 31)
