"""The expert roster: only consented parts are ever shown, members-only by default, withdrawal
erases, activities name experts, and the roster shows their past activities and evaluation."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from smenet.api.testing import problem
from smenet.common.errors import Conflict, PermissionDenied, ValidationFailed
from smenet.experts import services
from smenet.experts.choices import Listing
from smenet.experts.models import Expert
from smenet.registry.tests.factories import CountryFactory, InstitutionFactory, UserFactory

from .factories import make_expert

pytestmark = pytest.mark.django_db
URL = "/api/v1/experts/"
PDF = b"%PDF-1.4\n%test\n"


@pytest.fixture
def roster(world):
    country = CountryFactory()
    return {
        "public": make_expert(
            institution=world["a"],
            full_name="Public Expert",
            languages=["ar"],
            countries=[country],
            show=("languages",),
            phone="+1 555",
        ),
        "members": make_expert(
            institution=world["a"],
            full_name="Members Expert",
            listing=Listing.MEMBERS,
            languages=["fr"],
            show=("contact",),
        ),
        "unconsented": make_expert(
            institution=world["a"], full_name="Unconsented Expert", listing=None
        ),
        "unvetted": make_expert(institution=world["b"], full_name="Unvetted Expert", vetted=False),
        "country": country,
    }


def names(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {item["full_name"] for item in response.json()["results"]}


def test_anonymous_sees_public_vetted_consented_experts_only(api, roster):
    assert names(api.get(URL)) == {"Public Expert"}
    assert api.get(f"{URL}{roster['members'].pk}/").status_code == 404
    assert api.get(f"{URL}{roster['unconsented'].pk}/").status_code == 404


def test_members_see_members_listings_and_focal_points_their_own(as_user, roster, world):
    member = UserFactory(institution=InstitutionFactory())
    assert names(as_user(member).get(URL)) == {"Public Expert", "Members Expert"}
    assert names(as_user(world["fa"]).get(URL)) == {
        "Public Expert",
        "Members Expert",
        "Unconsented Expert",
    }
    assert "Unvetted Expert" in names(as_user(world["fb"]).get(URL))
    assert len(names(as_user(world["sec"]).get(URL))) == 4


def test_only_consented_parts_are_shown(api, as_user, roster, world):
    item = api.get(f"{URL}{roster['public'].pk}/").json()
    assert item["languages"] == ["ar"] and item["shown"] == ["languages"]
    assert item["email"] == "" and item["phone"] == "" and item["institution"] is None
    assert item["countries"] == []
    keeper = as_user(world["fa"]).get(f"{URL}{roster['public'].pk}/").json()
    assert (
        keeper["email"] == "public.expert@example.org" and keeper["institution"]["acronym"] == "AAA"
    )


def test_page_shows_only_consented_parts(client, roster):
    html = client.get(f"/experts/{roster['public'].pk}/").content.decode()
    assert (
        "Public Expert" in html and "public.expert@example.org" not in html and "+1 555" not in html
    )
    assert client.get(f"/experts/{roster['members'].pk}/").status_code == 404


def test_a_filter_never_reveals_a_hidden_part(as_user, api, roster):
    country = roster["country"].iso3
    # The public expert shows languages but not countries: found by language, not by country.
    assert names(api.get(URL, {"language": "ar"})) == {"Public Expert"}
    assert names(api.get(URL, {"country": country})) == set()
    member = UserFactory(institution=InstitutionFactory())
    assert names(as_user(member).get(URL, {"language": "fr"})) == set()  # languages not shown
    assert names(api.get(URL, {"subject": "access-to-finance"})) == {"Public Expert"}


@pytest.mark.parametrize(
    "params, field",
    [
        ({"subject": "astrology"}, "subject"),
        ({"country": "XXX"}, "country"),
        ({"language": "arabic"}, "language"),
        ({"colour": "x"}, "colour"),
    ],
)
def test_bad_filters_are_400(api, roster, params, field):
    response = api.get(URL, params)
    assert response.status_code == 400 and field in problem(response)["errors"]


def test_withdrawal_removes_public_data_and_history_keeps_only_what_rules_allow(
    api, world, django_capture_on_commit_callbacks
):
    user = UserFactory()
    expert = make_expert(
        institution=world["a"],
        full_name="Leaving Expert",
        show=("contact", "summary", "cv"),
        summary="My profile",
        phone="+1 222",
        cv=SimpleUploadedFile("cv.pdf", PDF),
    )
    expert.user = user
    expert.save()
    cv_name = expert.cv.name
    storage = expert.cv.storage
    assert storage.exists(cv_name)
    assert api.get(f"{URL}{expert.pk}/").json()["email"] == "leaving.expert@example.org"
    with pytest.raises(PermissionDenied):
        services.expert_withdraw_consent(actor=world["fa"], expert=expert)
    with django_capture_on_commit_callbacks(execute=True):
        services.expert_withdraw_consent(actor=user, expert=expert)
    assert api.get(f"{URL}{expert.pk}/").status_code == 404
    expert.refresh_from_db()
    assert (expert.email, expert.phone, expert.summary, expert.cv.name) == ("", "", "", "")
    assert expert.full_name == "Leaving Expert" and expert.subjects.count() == 1
    for version in expert.history.all():
        assert (version.email, version.phone, version.summary, version.cv) == ("", "", "", "")
    assert not storage.exists(cv_name)
    # Personal details cannot come back without a new consent.
    with pytest.raises(Conflict):
        services.expert_update(actor=world["sec"], expert=expert, email="again@example.org")


def test_cv_must_be_a_document(world):
    with pytest.raises(ValidationFailed) as exc:
        make_expert(institution=world["a"], cv=SimpleUploadedFile("cv.exe", b"MZ"))
    assert "cv" in exc.value.errors
    with pytest.raises(ValidationFailed):
        make_expert(
            institution=world["a"], full_name="Fake", cv=SimpleUploadedFile("cv.pdf", b"not a pdf")
        )
    assert Expert.objects.count() == 0


def test_cv_download_only_when_shown(client, world):
    hidden = make_expert(
        institution=world["a"], full_name="Hidden CV", cv=SimpleUploadedFile("a.pdf", PDF)
    )
    shown = make_expert(
        institution=world["a"],
        full_name="Shown CV",
        cv=SimpleUploadedFile("b.pdf", PDF),
        show=("cv",),
    )
    member = UserFactory(institution=InstitutionFactory())
    client.force_login(member)
    assert client.get(f"/experts/{hidden.pk}/cv/").status_code == 404
    assert client.get(f"/experts/{shown.pk}/cv/").status_code == 200


def test_vetting_and_consent_rules(world):
    expert = make_expert(institution=world["a"], vetted=False, listing=None)
    with pytest.raises(PermissionDenied):
        services.expert_vet(actor=world["fa"], expert=expert, vetting="vetted")
    with pytest.raises(PermissionDenied):
        services.expert_give_consent(actor=world["fa"], expert=expert, listing="public")
    with pytest.raises(ValidationFailed):
        services.expert_give_consent(actor=world["sec"], expert=expert, listing="none")
    with pytest.raises(ValidationFailed):
        services.expert_create(
            actor=world["fa"], full_name="X", institution=world["a"], subjects={"astrology": 2}
        )
    with pytest.raises(PermissionDenied):
        services.expert_create(actor=world["fa"], full_name="X", institution=world["b"])


@pytest.fixture
def activity(world, reference_data):
    from smenet.capacity import services as capacity
    from smenet.capacity.models import ActivityType, Subject

    act = capacity.activity_create(
        actor=world["sec"],
        type=ActivityType.objects.first(),
        subject=Subject.objects.get(code="access-to-finance"),
        titles={"en": "Guarantees webinar"},
        providers=[world["a"]],
        beneficiaries=[world["b"]],
        languages=["en"],
        format="online",
    )
    return act


def _deliver_with_evaluations(activity, world, scores):
    from smenet.capacity import services as capacity

    capacity._move(activity, "agreed", actor=world["sec"], reason="")
    start = datetime.datetime(2024, 6, 10, 9, tzinfo=datetime.UTC)
    capacity.activity_transition(
        actor=world["sec"],
        activity=activity,
        to="scheduled",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
        time_zone="UTC",
    )
    capacity.activity_transition(actor=world["sec"], activity=activity, to="nominations_open")
    people = [
        capacity.nomination_create(
            actor=world["sec"],
            activity=activity,
            institution=world["b"],
            full_name=f"P{i}",
            gender="female",
            email=f"p{i}@example.org",
        )
        for i in range(len(scores))
    ]
    capacity.attendance_record(
        actor=world["sec"], activity=activity, attended={p.pk: True for p in people}
    )
    capacity.activity_transition(actor=world["sec"], activity=activity, to="delivered")
    from smenet.capacity.models import Nomination

    for person, score in zip(people, scores, strict=True):
        attended = Nomination.objects.get(pk=person.pk)
        capacity.evaluation_submit(
            nomination=attended, relevance=score, quality=score, usefulness=score
        )


def test_activity_names_experts_and_roster_shows_activities_and_evaluation(activity, world, api):
    expert = make_expert(institution=world["a"], full_name="Trainer")
    pending = make_expert(institution=world["a"], full_name="Pending", vetted=False)
    with pytest.raises(PermissionDenied):
        services.activity_experts_set(
            actor=world["fb"], activity=activity, experts={expert: "lead"}
        )
    with pytest.raises(ValidationFailed):
        services.activity_experts_set(
            actor=world["fa"], activity=activity, experts={pending: "lead"}
        )
    services.activity_experts_set(actor=world["fa"], activity=activity, experts={expert: "lead"})
    _deliver_with_evaluations(activity, world, [5, 4])
    detail = api.get(f"{URL}{expert.pk}/").json()
    assert [a["reference"] for a in detail["activities"]] == [activity.reference]
    assert detail["activities"][0]["evaluation"] == pytest.approx(4.5)
    listed = api.get(URL).json()["results"][0]
    assert listed["activity_count"] == 1 and listed["evaluation"] == pytest.approx(4.5)


def test_activity_page_names_experts_for_organisers(client, activity, world):
    expert = make_expert(institution=world["a"], full_name="Named Trainer")
    client.force_login(world["fb"])
    assert client.get(f"/experts/activities/{activity.reference}/").status_code in (403, 404)
    client.force_login(world["fa"])
    page = client.get(f"/experts/activities/{activity.reference}/")
    assert page.status_code == 200
    saved = client.post(
        f"/experts/activities/{activity.reference}/", {f"expert_{expert.pk}": "trainer"}
    )
    assert saved.status_code == 302
    html = client.get(activity.get_absolute_url()).content.decode()
    assert "Named Trainer" in html and 'id="name-experts"' in html


def test_list_query_count_does_not_grow(api, world):
    def count(path=URL) -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert api.get(path, {"page_size": 50}).status_code == 200
        return len(ctx)

    for n in range(2):
        make_expert(
            institution=InstitutionFactory(),
            full_name=f"E{n}",
            languages=["ar"],
            show=("languages", "institution", "countries"),
            countries=[CountryFactory()],
        )
    small, small_page = count(), count("/experts/")
    for n in range(15):
        make_expert(
            institution=InstitutionFactory(),
            full_name=f"F{n}",
            languages=["en", "fr"],
            show=("languages", "institution", "countries"),
            countries=[CountryFactory()],
        )
    assert count() == small
    assert count("/experts/") == small_page


def test_keepers_change_a_profile_through_the_api_others_get_404(as_user, api, roster, world):
    expert = roster["public"]
    url = f"{URL}{expert.pk}/"
    # Another institution's focal point: 404 (ADR 0007), and nothing changes.
    assert (
        as_user(world["fb"]).patch(url, {"version": 1, "phone": "x"}, format="json").status_code
        == 404
    )
    assert api.patch(url, {"version": 1, "phone": "x"}, format="json").status_code in (401, 403)
    expert.refresh_from_db()
    assert expert.phone == "+1 555"
    version = expert.version
    own = as_user(world["fa"])
    # An unknown country is a 400 naming the field, nothing saved.
    bad = own.patch(url, {"version": version, "countries": ["ZZZ"], "phone": "+2"}, format="json")
    assert bad.status_code == 400 and "countries" in problem(bad)["errors"]
    expert.refresh_from_db()
    assert expert.phone == "+1 555" and expert.version == version
    ok = own.patch(
        url,
        {"version": version, "phone": "+2", "countries": [roster["country"].iso3.lower()]},
        format="json",
    )
    assert ok.status_code == 200, ok.content
    expert.refresh_from_db()
    assert expert.phone == "+2" and expert.version == version + 1
    # A copy read before that change: 409, nothing saved.
    stale = own.patch(url, {"version": version, "phone": "+3"}, format="json")
    assert stale.status_code == 409
    expert.refresh_from_db()
    assert expert.phone == "+2"
