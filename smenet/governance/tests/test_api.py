import datetime

import pytest

from smenet.api.testing import problem
from smenet.governance.models import Decision, Mandate, Position
from smenet.registry.choices import MembershipStatus
from smenet.registry.models import Institution

pytestmark = pytest.mark.django_db


@pytest.fixture
def today_2026(time_machine):
    time_machine.move_to("2026-11-29 12:00:00+00:00", tick=False)


def test_kobia_chairs_the_bureau_until_6_october_2028(api, founding, today_2026):
    response = api.get("/api/v1/mandates/", {"current": "true", "body": "bureau"})
    assert response.status_code == 200
    rows = response.json()["results"]
    chair = next(m for m in rows if m["position"]["kind"] == "chair")
    assert chair["holder"]["acronym"] == "KOBİA" and chair["holder"]["name"]
    assert (chair["start"], chair["end"]) == ("2025-10-07", "2028-10-06")
    assert chair["body"]["code"] == "bureau" and chair["region"] is None
    vice = sorted(m["holder"]["acronym"] for m in rows if m["region"] == "Arab")
    assert vice == ["Maroc PME", "Monsha'at"]


def test_current_filter_uses_the_date(api, founding, time_machine):
    time_machine.move_to("2028-10-07 12:00:00+00:00", tick=False)
    current = api.get("/api/v1/mandates/", {"current": "true", "body": "bureau"}).json()
    assert all(m["position"]["kind"] != "chair" for m in current["results"])
    past = api.get("/api/v1/mandates/", {"current": "false", "body": "bureau"}).json()
    # The vice-chairs' terms are the Bureau's three years too.
    assert sorted(m["holder"]["acronym"] for m in past["results"]) == [
        "KOBİA",
        "Maroc PME",
        "Monsha'at",
    ]


@pytest.mark.parametrize(
    ("params", "field"),
    [({"current": "maybe"}, "current"), ({"body": "senate"}, "body"), ({"year": "1"}, "year")],
)
def test_bad_mandate_filters(api, founding, params, field):
    response = api.get("/api/v1/mandates/", params)
    assert response.status_code == 400
    assert field in problem(response)["errors"]


@pytest.fixture
def election_payload(founding):
    vice_asian = Position.objects.get(body__code="bureau", code="vice-chair-asian")
    return {"position": vice_asian.pk, "holder": "KOSGEB", "start": "2026-01-15"}


def test_secretariat_creates_a_mandate(as_user, secretariat_user, election_payload, today_2026):
    response = as_user(secretariat_user).post("/api/v1/mandates/", election_payload, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["holder"]["acronym"] == "KOSGEB" and body["end"] == "2029-01-14"
    assert body["region"] == "Asian"


def test_holder_acronym_is_matched_ignoring_case_and_diacritics(
    as_user, secretariat_user, founding
):
    position = Position.objects.get(body__code="task-force-action-plan", code="member")
    response = as_user(secretariat_user).post(
        "/api/v1/mandates/",
        {"position": position.pk, "holder": "smeda", "start": "2026-02-01"},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["holder"]["acronym"] == "SMEDA"


def test_focal_point_cannot_create_mandates(as_user, focal_point_of, election_payload):
    user = focal_point_of(Institution.objects.get(acronym="KOSGEB"))
    before = Mandate.objects.count()
    response = as_user(user).post("/api/v1/mandates/", election_payload, format="json")
    assert response.status_code == 403 and problem(response)["code"] == "secretariat_only"
    assert Mandate.objects.count() == before


def test_anonymous_cannot_create_mandates(api, election_payload):
    response = api.post("/api/v1/mandates/", election_payload, format="json")
    assert response.status_code in (401, 403)


def test_overlapping_chair_is_409_naming_the_field(as_user, secretariat_user, founding):
    chair = Position.objects.get(body__code="bureau", code="chair")
    before = Mandate.objects.count()
    response = as_user(secretariat_user).post(
        "/api/v1/mandates/",
        {"position": chair.pk, "holder": "KOSGEB", "start": "2027-01-01"},
        format="json",
    )
    assert response.status_code == 409
    body = problem(response)
    assert body["code"] == "overlapping_mandate" and "start" in body["errors"]
    assert "KOBİA" in body["detail"]
    assert Mandate.objects.count() == before


def test_mandate_for_a_suspended_institution_is_400(as_user, secretariat_user, election_payload):
    Institution.objects.filter(acronym="KOSGEB").update(
        membership_status=MembershipStatus.SUSPENDED
    )
    before = Mandate.objects.count()
    response = as_user(secretariat_user).post("/api/v1/mandates/", election_payload, format="json")
    assert response.status_code == 400
    body = problem(response)
    assert body["code"] == "holder_not_in_good_standing" and "holder" in body["errors"]
    assert Mandate.objects.count() == before


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"holder": "NOPE"}, "holder"),
        ({"position": 99999}, "position"),
        ({"start": "2026-13-01"}, "start"),
        ({"position": "chair"}, "position"),
    ],
)
def test_bad_mandate_input_names_the_field(
    as_user, secretariat_user, election_payload, payload, field
):
    before = Mandate.objects.count()
    response = as_user(secretariat_user).post(
        "/api/v1/mandates/", {**election_payload, **payload}, format="json"
    )
    assert response.status_code == 400
    assert field in problem(response)["errors"]
    assert Mandate.objects.count() == before


def test_malformed_json_is_400(as_user, secretariat_user, founding):
    response = as_user(secretariat_user).post(
        "/api/v1/mandates/", "{not json", content_type="application/json"
    )
    assert response.status_code == 400 and problem(response)["code"] == "malformed_json"


def test_decision_with_elections_by_vote(as_user, secretariat_user, founding):
    from smenet.registry.services import institution_set_status

    institution_set_status(
        actor=secretariat_user,
        institution=Institution.objects.get(acronym="SMEDAN"),
        status=MembershipStatus.MEMBER,
        date=datetime.date(2026, 3, 1),
    )
    vice_african = Position.objects.get(body__code="bureau", code="vice-chair-african")
    payload = {
        "reference": "GA-2026-01",
        "body": "general-assembly",
        "date": "2026-10-01",
        "kind": "election",
        "voting": "vote",
        "votes_for": 40,
        "votes_against": 3,
        "abstentions": 2,
        "titles": {"en": "Vice-chair for the African region", "fr": "Vice-président"},
        "elections": [{"position": vice_african.pk, "holder": "SMEDAN"}],
    }
    client = as_user(secretariat_user)
    response = client.post("/api/v1/decisions/", payload, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["votes_for"] == 40
    mandate = Mandate.objects.get(decision__reference="GA-2026-01")
    assert mandate.holder.acronym == "SMEDAN" and mandate.end.isoformat() == "2029-09-30"
    again = client.post("/api/v1/decisions/", payload, format="json")
    assert again.status_code == 400 and "reference" in problem(again)["errors"]


def test_failed_election_leaves_no_decision(as_user, secretariat_user, founding):
    chair = Position.objects.get(body__code="bureau", code="chair")
    payload = {
        "reference": "GA-2026-02",
        "body": "general-assembly",
        "date": "2026-10-01",
        "kind": "election",
        "voting": "unanimous",
        "titles": {"en": "Second chair"},
        "elections": [{"position": chair.pk, "holder": "KOSGEB"}],
    }
    response = as_user(secretariat_user).post("/api/v1/decisions/", payload, format="json")
    assert response.status_code == 409
    assert "elections[0].start" in problem(response)["errors"]
    assert not Decision.objects.filter(reference="GA-2026-02").exists()


def test_bodies_list_positions(api, founding):
    bodies = api.get("/api/v1/bodies/", {"lang": "ar"}).json()["results"]
    bureau = next(b for b in bodies if b["code"] == "bureau")
    assert bureau["name"] == "المكتب" and bureau["term_years"] == 3
    assert {p["code"] for p in bureau["positions"]} >= {"chair", "vice-chair-arab"}
