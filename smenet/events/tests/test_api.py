"""The meetings, decisions and news API: contract fields, filters, confidentiality,
Secretariat writes, bad input as problem+json naming the field, bounded query counts."""

from __future__ import annotations

import datetime

import pytest

from smenet.api.testing import problem
from smenet.events import services
from smenet.events.models import Meeting
from smenet.governance.tests.factories import BodyFactory
from smenet.registry.tests.factories import CountryFactory

from .factories import make_meeting

pytestmark = pytest.mark.django_db


def test_meeting_list_contract(api, founding):
    data = api.get("/api/v1/meetings/").json()
    item = next(i for i in data["results"] if i["code"] == "inaugural-meeting-2025")
    for key in (
        "code",
        "title",
        "body",
        "start",
        "end",
        "city",
        "country",
        "mode",
        "status",
        "url",
    ):
        assert key in item
    assert item["start"] == "2025-10-07T00:00:00+04:00"
    assert item["end"] == "2025-10-08T00:00:00+04:00"
    assert item["country"] == "AZE" and item["body"] == "general-assembly"
    assert item["status"] == "held" and item["mode"] == "in_person"
    assert item["url"] == "/meetings/inaugural-meeting-2025/"


def test_meeting_detail_contract(api, founding):
    data = api.get("/api/v1/meetings/inaugural-meeting-2025/").json()
    for key in ("agenda", "documents", "minutes_status", "decisions"):
        assert key in data
    assert [d["reference"] for d in data["decisions"]] == [
        "GA-2025-01",
        "GA-2025-02",
        "GA-2025-03",
        "GA-2025-04",
        "TF-2025-01",
    ]
    assert [d["number"] for d in data["decisions"]] == [1, 2, 3, 4, 5]
    assert data["minutes_status"] == "none"
    assert api.get("/api/v1/meetings/nothing/").status_code == 404


def test_filters(api):
    aze = CountryFactory(iso3="AZE", iso2="AZ")
    bureau = BodyFactory(code="bureau")
    a = make_meeting(body=bureau, start=datetime.datetime(2027, 1, 10, 9), country=aze, city="Baku")
    b = make_meeting(
        body=BodyFactory(code="general-assembly"), start=datetime.datetime(2027, 3, 10, 9)
    )

    def codes(query):
        response = api.get(f"/api/v1/meetings/?{query}")
        assert response.status_code == 200, response.content
        return [i["code"] for i in response.json()["results"]]

    assert codes("body=bureau") == [a.code]
    assert codes("country=aze") == [a.code]
    assert codes("from=2027-02-01") == [b.code]
    assert codes("to=2027-01-10") == [a.code]
    assert codes("from=2027-01-10T10:00%2B04:00&to=2027-12-31") == [a.code, b.code]
    assert codes("status=cancelled") == []


@pytest.mark.parametrize(
    "query,field",
    [
        ("from=2027-13-01", "from"),
        ("from=2027-03-01&to=2027-01-01", "to"),
        ("country=AZERBAIJAN", "country"),
        ("status=maybe", "status"),
        ("body=nothing", "body"),
        ("colour=blue", "colour"),
    ],
)
def test_bad_filters_are_400_naming_the_field(api, query, field):
    response = api.get(f"/api/v1/meetings/?{query}")
    assert response.status_code == 400
    body = problem(response)
    assert field in body.get("errors", {}) or body.get("errors") is None and field in body["detail"]


def test_confidential_meetings_and_documents(
    api, as_user, bureau_user, secretariat_user, institution_a, focal_point_of
):
    public = make_meeting(title="Open")
    make_meeting(audience="bureau", title="Bureau only")
    services.document_create(
        actor=secretariat_user,
        meeting=public,
        kind="report",
        titles={"en": "Public report"},
        original_language="en",
    )
    services.document_create(
        actor=secretariat_user,
        meeting=public,
        kind="working_paper",
        titles={"en": "Members paper"},
        original_language="en",
        audience="members",
    )
    services.document_create(
        actor=secretariat_user,
        meeting=public,
        kind="working_paper",
        titles={"en": "Bureau paper"},
        original_language="en",
        audience="bureau",
    )

    def titles(client):
        return sorted(i["title"] for i in client.get("/api/v1/meetings/").json()["results"])

    def docs(client):
        return sorted(
            d["title"] for d in client.get(f"/api/v1/meetings/{public.code}/").json()["documents"]
        )

    assert titles(api) == ["Open"]
    assert docs(api) == ["Public report"]
    member = as_user(focal_point_of(institution_a))
    assert docs(member) == ["Members paper", "Public report"]
    bureau = as_user(bureau_user)
    assert titles(bureau) == ["Bureau only", "Open"]
    assert docs(bureau) == ["Bureau paper", "Members paper", "Public report"]
    hidden = Meeting.objects.get(audience="bureau")
    assert api.get(f"/api/v1/meetings/{hidden.code}/").status_code == 404
    assert member.get(f"/api/v1/meetings/{hidden.code}/").status_code == 404


def test_secretariat_creates_and_cancels_a_meeting(
    as_user, secretariat_user, focal_point_of, institution_a
):
    BodyFactory(code="bureau")
    payload = {
        "code": "bureau-2027-1",
        "titles": {"en": "Bureau, first session 2027", "ar": "المكتب، الدورة الأولى 2027"},
        "body": "bureau",
        "number": 1,
        "time_zone": "Europe/Istanbul",
        "start": "2027-02-03T09:30",
        "end": "2027-02-03T17:00",
        "city": "Ankara",
    }
    focal = as_user(focal_point_of(institution_a))
    assert focal.post("/api/v1/meetings/", payload, format="json").status_code == 403
    secretariat = as_user(secretariat_user)
    response = secretariat.post("/api/v1/meetings/", payload, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["start"] == "2027-02-03T09:30:00+03:00"
    response = secretariat.post(
        "/api/v1/meetings/bureau-2027-1/status/", {"action": "cancel"}, format="json"
    )
    assert response.status_code == 400 and problem(response)["errors"] == {
        "reason": ["Say why the meeting is cancelled."]
    }
    assert problem(response)["detail"] == "reason: Say why the meeting is cancelled."
    response = secretariat.post(
        "/api/v1/meetings/bureau-2027-1/status/",
        {"action": "cancel", "reason": "No quorum"},
        format="json",
    )
    assert response.json()["status"] == "cancelled" and response.json()["sequence"] == 1
    # another institution's focal point cannot change it: 404 for a public meeting? It is public,
    # so the refusal is explained (403).
    assert (
        focal.post(
            "/api/v1/meetings/bureau-2027-1/status/", {"action": "confirm"}, format="json"
        ).status_code
        == 403
    )


@pytest.mark.parametrize(
    "change,field,code",
    [
        ({"time_zone": "Mars/Olympus"}, "time_zone", "invalid_time_zone"),
        ({"end": "2027-02-03T08:00"}, "end", "reversed_dates"),
        ({"titles": {"english": "x"}}, "titles", None),
    ],
)
def test_meeting_bad_input_saves_nothing(as_user, secretariat_user, change, field, code):
    payload = {
        "code": "x-2027",
        "titles": {"en": "X"},
        "time_zone": "Asia/Baku",
        "start": "2027-02-03T09:30",
        "end": "2027-02-03T17:00",
        "kind": "workshop",
        **change,
    }
    response = as_user(secretariat_user).post(
        "/api/v1/meetings/", payload, format="json", HTTP_ACCEPT_LANGUAGE="ar"
    )
    assert response.status_code == 400
    body = problem(response)
    assert field in body["errors"]
    if code:
        assert body["code"] == code
    assert not Meeting.objects.exists()


def test_overlapping_meeting_is_409(as_user, secretariat_user):
    BodyFactory(code="bureau")
    base = {
        "titles": {"en": "B"},
        "body": "bureau",
        "time_zone": "Asia/Baku",
        "start": "2027-02-03T09:30",
        "end": "2027-02-03T17:00",
    }
    client = as_user(secretariat_user)
    assert (
        client.post("/api/v1/meetings/", {**base, "code": "one"}, format="json").status_code == 201
    )
    response = client.post(
        "/api/v1/meetings/", {**base, "code": "two", "start": "2027-02-03T16:00"}, format="json"
    )
    assert response.status_code == 409 and problem(response)["code"] == "overlapping_meeting"


def test_nomination_over_quota_through_the_api(
    as_user, secretariat_user, institution_a, institution_b, focal_point_of
):
    meeting = make_meeting()
    services.invitation_send(
        actor=secretariat_user, meeting=meeting, institutions=[institution_a], quota=1
    )
    focal = as_user(focal_point_of(institution_a))
    url = f"/api/v1/meetings/{meeting.code}/participants/"
    first = focal.post(
        url, {"institution": "AAA", "full_name": "One", "email": "one@a.org"}, format="json"
    )
    assert first.status_code == 201, first.content
    second = focal.post(
        url, {"institution": "AAA", "full_name": "Two", "email": "two@a.org"}, format="json"
    )
    assert second.status_code == 409 and problem(second)["code"] == "quota_full"
    other = as_user(focal_point_of(institution_b))
    assert (
        other.post(
            url, {"institution": "AAA", "full_name": "X", "email": "x@b.org"}, format="json"
        ).status_code
        == 404
    )
    # B's focal point does not see A's delegates
    assert other.get(url).json() == []
    assert [p["full_name"] for p in focal.get(url).json()] == ["One"]


def test_decisions_endpoint_extended_with_meeting_agenda_and_follow_up(
    api, as_user, secretariat_user, institution_a
):
    meeting = make_meeting()
    item = services.agenda_item_add(
        actor=secretariat_user, meeting=meeting, titles={"en": "Work programme"}
    )
    client = as_user(secretariat_user)
    response = client.post(
        "/api/v1/decisions/",
        {
            "reference": "BUR-2027-01",
            "body": "bureau",
            "date": meeting.local_start.date().isoformat(),
            "kind": "resolution",
            "voting": "consensus",
            "titles": {"en": "Adopts the work programme"},
            "meeting": meeting.code,
            "agenda_item": item.pk,
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["register_number"] == 1 and response.json()["agenda_item"] == item.pk
    due = (meeting.local_start.date() + datetime.timedelta(days=10)).isoformat()
    action = client.post(
        "/api/v1/decisions/BUR-2027-01/actions/",
        {"owner": "AAA", "due_on": due, "titles": {"en": "Circulate the programme"}},
        format="json",
    )
    assert action.status_code == 201, action.content
    data = api.get("/api/v1/decisions/?meeting=" + meeting.code).json()
    (decision,) = data["results"]
    assert decision["meeting"] == meeting.code
    assert (
        decision["follow_up"][0]["owner"] == "AAA" and decision["follow_up"][0]["status"] == "open"
    )
    assert api.get("/api/v1/decisions/?follow_up=done").json()["count"] == 0
    assert api.get("/api/v1/decisions/?follow_up=sometimes").status_code == 400


def test_follow_up_owner_updates_others_cannot(
    as_user, secretariat_user, institution_a, institution_b, focal_point_of
):
    meeting = make_meeting()
    decision = services.decision_record_at_meeting(
        actor=None,
        meeting=meeting,
        reference="BUR-1",
        body=meeting.body,
        date=meeting.local_start.date(),
        kind="resolution",
        voting="consensus",
        titles={"en": "D"},
    )
    action = services.follow_up_create(
        actor=None, decision=decision, owner=institution_a, due_on=decision.date, titles={"en": "A"}
    )
    other = as_user(focal_point_of(institution_b)).patch(
        f"/api/v1/actions/{action.pk}/", {"status": "done"}, format="json"
    )
    assert other.status_code == 404
    owner = as_user(focal_point_of(institution_a)).patch(
        f"/api/v1/actions/{action.pk}/", {"status": "in_progress", "version": 1}, format="json"
    )
    assert owner.status_code == 200 and owner.json()["status"] == "in_progress"
    stale = as_user(secretariat_user).patch(
        f"/api/v1/actions/{action.pk}/", {"status": "done", "version": 1}, format="json"
    )
    assert stale.status_code == 409


def test_news_api_contract(api, founding):
    from smenet.news.reference import load_founding_news

    load_founding_news()
    data = api.get("/api/v1/news/").json()
    (item,) = data["results"]
    for key in ("slug", "title", "summary", "published", "original_language", "url"):
        assert key in item
    assert item["original_language"] == "ar"
    assert item["published"].startswith("2025-10-07")
    assert api.get("/api/v1/news/?lang=ar").json()["results"][0]["title"].startswith("معالي")
    assert api.get("/api/v1/news/?language=xx").status_code == 400


def test_list_query_counts_are_bounded(api, django_assert_max_num_queries):
    for n in range(3):
        make_meeting(title=f"M{n}")
    with django_assert_max_num_queries(8):
        assert api.get("/api/v1/meetings/").status_code == 200
    for n in range(3, 25):
        make_meeting(title=f"M{n}", body=BodyFactory(code="general-assembly") if n % 2 else None)
    with django_assert_max_num_queries(8):
        assert len(api.get("/api/v1/meetings/?page_size=50").json()["results"]) == 25
    with django_assert_max_num_queries(10):
        api.get("/api/v1/decisions/")


def test_detail_query_count_is_bounded(api, secretariat_user, django_assert_max_num_queries):
    meeting = make_meeting()
    for n in range(8):
        services.agenda_item_add(
            actor=secretariat_user, meeting=meeting, titles={"en": f"Item {n}"}
        )
        services.document_create(
            actor=secretariat_user,
            meeting=meeting,
            kind="report",
            titles={"en": f"R{n}"},
            original_language="en",
        )
    with django_assert_max_num_queries(25):
        data = api.get(f"/api/v1/meetings/{meeting.code}/").json()
    assert len(data["agenda"]) == 8 and len(data["documents"]) == 8


@pytest.mark.parametrize(
    ("url", "body"),
    [
        ("/api/v1/meetings/{code}/", {"titel": {"en": "Typo"}}),
        ("/api/v1/meetings/{code}/status/", {"action": "confirm", "reson": "typo"}),
        ("/api/v1/meetings/{code}/agenda/status/", {"status": "draft", "extra": 1}),
    ],
)
def test_an_unknown_field_is_a_400_naming_it_and_nothing_changes(
    as_user, secretariat_user, url, body
):
    meeting = make_meeting()
    before = (meeting.version, meeting.status, meeting.safe_translation_getter("title", "en"))
    client = as_user(secretariat_user)
    send = client.patch if url.endswith("{code}/") else client.post
    response = send(
        url.format(code=meeting.code), {**body, "version": meeting.version}, format="json"
    )
    assert response.status_code == 400
    unknown = next(k for k in body if k not in ("action", "status"))
    assert "does not take this field" in problem(response)["errors"][unknown][0]
    meeting.refresh_from_db()
    assert (meeting.version, meeting.status, meeting.safe_translation_getter("title", "en")) == (
        before
    )
