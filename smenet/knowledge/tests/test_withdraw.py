"""A focal point takes back a submission the Secretariat has not reviewed yet: through the
service, the API and the pages."""

from __future__ import annotations

import pytest
from django.test import Client

from smenet.api.testing import problem
from smenet.common.errors import DomainError, PermissionDenied
from smenet.knowledge import services
from smenet.knowledge.choices import PracticeStatus
from smenet.knowledge.models import BestPractice

from .factories import BestPracticeFactory

pytestmark = pytest.mark.django_db

MINE = "/knowledge/my-practices/"


def draft_of(world, who="a") -> BestPractice:
    return services.best_practice_create(
        actor=world[f"f{who}"],
        country=world[who].country,
        institution=world[who],
        texts={"title": {"en": f"Draft of {who}"}},
    )


@pytest.fixture
def submitted(world) -> BestPractice:
    practice = draft_of(world)
    services.best_practice_submit(actor=world["fa"], practice=practice)
    return practice


def browser(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def unchanged(practice: BestPractice, status: str = PracticeStatus.SUBMITTED) -> bool:
    version = practice.version
    practice.refresh_from_db()
    return practice.status == status and practice.version == version


# --- the service -----------------------------------------------------------------------------


def test_focal_point_withdraws_a_submission_and_can_edit_it_again(world, submitted):
    version = submitted.version
    services.best_practice_withdraw(actor=world["fa"], practice=submitted)
    submitted.refresh_from_db()
    assert submitted.status == PracticeStatus.DRAFT
    assert submitted.submitted_at is None and submitted.version == version + 1
    assert submitted.history.first().history_user == world["fa"]
    services.best_practice_update(
        actor=world["fa"],
        practice=submitted,
        expected_version=submitted.version,
        texts={"results": {"en": "More loans"}},
    )
    services.best_practice_submit(actor=world["fa"], practice=submitted)
    assert submitted.status == PracticeStatus.SUBMITTED and submitted.submitted_at


@pytest.mark.parametrize(
    "status", [PracticeStatus.DRAFT, PracticeStatus.RETURNED, PracticeStatus.PUBLISHED]
)
def test_only_a_submission_can_be_withdrawn(world, status):
    practice = BestPracticeFactory(institution=world["a"], status=status)
    with pytest.raises(DomainError) as exc:
        services.best_practice_withdraw(actor=world["fa"], practice=practice)
    assert exc.value.code == "invalid_transition"
    assert unchanged(practice, status)


@pytest.mark.parametrize("who", ["fb", "bureau"])
def test_others_cannot_withdraw(world, submitted, who):
    with pytest.raises(PermissionDenied):
        services.best_practice_withdraw(actor=world[who], practice=submitted)
    assert unchanged(submitted)


# --- the API ---------------------------------------------------------------------------------


def url(practice: BestPractice) -> str:
    return f"/api/v1/best-practices/{practice.pk}/withdraw/"


def test_api_withdraws_a_submission(world, submitted, as_user):
    response = as_user(world["fa"]).post(url(submitted))
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "draft" and body["version"] == submitted.version + 1


def test_api_refuses_a_draft_with_a_problem(world, as_user):
    draft = draft_of(world)
    response = as_user(world["fa"]).post(url(draft))
    assert response.status_code == 400
    assert problem(response)["code"] == "invalid_transition"
    assert unchanged(draft, PracticeStatus.DRAFT)


@pytest.mark.parametrize(
    ("who", "status_code"),
    [
        ("fb", 404),  # another institution's submission is out of its sight
        ("bureau", 403),  # sees it, may not withdraw it
        (None, 401),  # anonymous: not signed in (a token is asked for)
    ],
)
def test_api_refuses_others(world, submitted, as_user, api, who, status_code):
    client = as_user(world[who]) if who else api
    response = client.post(url(submitted))
    assert response.status_code == status_code
    problem(response)
    assert unchanged(submitted)


def test_api_refuses_another_institutions_published_practice(world, as_user):
    published = BestPracticeFactory(institution=world["b"])
    response = as_user(world["fa"]).post(url(published))
    assert response.status_code == 403
    assert problem(response)["code"] == "not_your_institution"


# --- the pages -------------------------------------------------------------------------------


def page_url(practice: BestPractice) -> str:
    return f"/knowledge/practices/{practice.pk}/withdraw/"


def test_the_button_is_offered_to_the_authors_of_a_submission_only(world, submitted):
    action = f'action="{page_url(submitted)}"'
    author = browser(world["fa"])
    assert action in author.get(submitted.get_absolute_url()).content.decode()
    assert action in author.get(MINE).content.decode()
    for user in (world["sec"], world["bureau"]):
        assert action not in browser(user).get(submitted.get_absolute_url()).content.decode()
    assert action not in browser(world["sec"]).get(MINE).content.decode()
    draft = draft_of(world)
    assert page_url(draft) not in author.get(draft.get_absolute_url()).content.decode()
    assert page_url(draft) not in author.get(MINE).content.decode()


def test_focal_point_withdraws_from_the_page(world, submitted):
    client = browser(world["fa"])
    response = client.post(page_url(submitted))
    assert response.status_code == 302 and response["Location"] == MINE
    submitted.refresh_from_db()
    assert submitted.status == PracticeStatus.DRAFT and submitted.submitted_at is None
    page = client.get(MINE).content.decode()
    assert "The submission was withdrawn" in page
    assert f'href="/knowledge/practices/{submitted.pk}/edit/"' in page
    assert client.get(f"/knowledge/practices/{submitted.pk}/edit/").status_code == 200


def test_withdrawing_a_draft_says_why_not(world):
    draft = draft_of(world)
    client = browser(world["fa"])
    response = client.post(page_url(draft))
    assert response.status_code == 302 and response["Location"] == MINE
    assert "cannot become" in client.get(MINE).content.decode()
    assert unchanged(draft, PracticeStatus.DRAFT)


def test_withdrawing_in_arabic_explains_in_arabic(world, submitted):
    client = browser(world["fa"])
    response = client.post(f"/ar{page_url(submitted)}")
    assert response.status_code == 302
    assert "سُحب التقديم" in client.get(f"/ar{MINE}").content.decode()


@pytest.mark.parametrize(
    ("who", "status_code"),
    [
        ("fb", 404),  # another institution's submission is out of its sight
        ("bureau", 403),  # sees it, may not withdraw it
    ],
)
def test_others_cannot_withdraw_from_the_page(world, submitted, who, status_code):
    assert browser(world[who]).post(page_url(submitted)).status_code == status_code
    assert unchanged(submitted)


def test_another_institutions_published_practice_is_403(world):
    published = BestPracticeFactory(institution=world["b"])
    assert browser(world["fa"]).post(page_url(published)).status_code == 403
    assert unchanged(published, PracticeStatus.PUBLISHED)


def test_anonymous_is_sent_to_log_in(world, submitted):
    response = browser().post(page_url(submitted))
    assert response.status_code == 302 and response["Location"].startswith("/login/?next=")
    assert unchanged(submitted)


def test_withdraw_is_a_post(world, submitted):
    assert browser(world["fa"]).get(page_url(submitted)).status_code == 405
    assert unchanged(submitted)
