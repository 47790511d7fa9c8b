import datetime
import re

import pytest
from django.core import signing
from django.db import connection
from django.test.utils import CaptureQueriesContext

from smenet.capacity import services
from smenet.capacity.models import Activity, Answer, MatchingRun, Nomination, Proposal, Response
from smenet.capacity.tests.factories import SubjectFactory
from smenet.registry.tests.factories import CountryFactory, InstitutionFactory

pytestmark = pytest.mark.django_db
TODAY = "2026-11-29 12:00:00+00:00"
LANGS = [("", "en", "ltr"), ("/ar", "ar", "rtl"), ("/fr", "fr", "ltr")]


@pytest.fixture(autouse=True)
def clock(time_machine):
    time_machine.move_to(TODAY, tick=False)


def html_of(response) -> str:
    return response.content.decode()


def answers_url(world, who="a", prefix=""):
    return f"{prefix}/capacity/cycles/2026/answers/{world[who].slug}/"


def fill(world, who, languages, answers):
    response = Response.objects.get(institution=world[who], cycle=world["cycle"])
    response = services.response_save(
        actor=world[f"f{who}"],
        response=response,
        expected_version=response.version,
        answers=answers,
        languages=languages,
    )
    services.response_submit(actor=world[f"f{who}"], response=response)


@pytest.fixture
def answered(world):
    fill(
        world,
        "a",
        ["en"],
        {
            "access-to-finance": {"need": 3},
            "digital-transformation": {
                "capacity_level": 3,
                "max_activities": 1,
                "delivery_languages": ["en"],
            },
        },
    )
    fill(
        world,
        "b",
        ["en", "fr"],
        {
            "access-to-finance": {
                "capacity_level": 2,
                "max_activities": 2,
                "delivery_languages": ["en"],
            },
            "digital-transformation": {"need": 2},
        },
    )
    return world


@pytest.fixture
def activity(world):
    return services.activity_create(
        actor=world["secretariat"],
        type=world["type"],
        subject=world["finance"],
        titles={
            "en": "Credit guarantee schemes",
            "ar": "أنظمة ضمان القروض",
            "fr": "Systèmes de garantie",
        },
        providers=[world["a"]],
        beneficiaries=[world["b"], world["c"]],
        languages=["en", "ar"],
        participants_per_beneficiary=1,
        cycle=world["cycle"],
    )


def move(activity, world, *statuses):
    for status in statuses:
        extra = {}
        if status == "scheduled":
            extra = {
                "starts_at": datetime.datetime(2026, 12, 10, 9, tzinfo=datetime.UTC),
                "ends_at": datetime.datetime(2026, 12, 11, 17, tzinfo=datetime.UTC),
            }
        services.activity_transition(
            actor=world["secretariat"], activity=activity, to=status, **extra
        )


AFTER = "2026-12-12 09:00:00+00:00"  # the day after the activity of move(…, "scheduled")


@pytest.fixture
def delivered(world, activity, time_machine):
    """An activity delivered with one attended participant of BBB."""
    move(activity, world, "agreed", "scheduled", "nominations_open")
    nomination = services.nomination_create(
        actor=world["fb"],
        activity=activity,
        institution=world["b"],
        full_name="Leyla Aliyeva",
        gender="female",
        email="leyla@example.org",
    )
    time_machine.move_to(AFTER, tick=False)
    services.attendance_record(
        actor=world["secretariat"], activity=activity, attended={nomination.pk: True}
    )
    move(activity, world, "delivered")
    return nomination


class TestLanguages:
    @pytest.mark.parametrize(("prefix", "lang", "direction"), LANGS)
    def test_every_page_renders_in_three_languages(
        self, client, answered, delivered, prefix, lang, direction
    ):
        world = answered
        client.force_login(world["secretariat"])
        token = signing.dumps(delivered.pk, salt="smenet.evaluation")
        paths = [
            "/capacity/",
            "/capacity/cycles/",
            "/capacity/cycles/new/",
            "/capacity/cycles/2026/",
            answers_url(world),
            f"/capacity/activities/{delivered.activity.reference}/",
            "/capacity/reports/",
            f"/capacity/evaluate/{token}/",
        ]
        for path in paths:
            response = client.get(prefix + path)
            assert response.status_code == 200, path
            assert f'<html lang="{lang}" dir="{direction}">' in html_of(response), path

    def test_arabic_content_is_shown_in_arabic(self, client, world, activity):
        move(activity, world, "agreed", "scheduled")
        html = html_of(client.get("/ar/capacity/"))
        assert "أنظمة ضمان القروض" in html
        html = html_of(client.get("/fr/capacity/"))
        assert "Systèmes de garantie" in html


class TestAccess:
    def test_anonymous_is_sent_to_login(self, client, world, activity):
        for path in [
            "/capacity/cycles/",
            "/capacity/cycles/2026/",
            answers_url(world),
            "/capacity/reports/",
            "/capacity/reports/export/?format=csv",
            "/capacity/cycles/new/",
        ]:
            response = client.get(path)
            assert response.status_code == 302 and "/login/" in response["Location"], path

    def test_public_list_shows_only_public_activities_to_anonymous(self, client, world, activity):
        assert activity.reference not in html_of(client.get("/capacity/"))
        assert client.get(activity.get_absolute_url()).status_code == 404
        move(activity, world, "agreed", "scheduled")
        assert activity.reference in html_of(client.get("/capacity/"))
        assert client.get(activity.get_absolute_url()).status_code == 200

    def test_focal_point_cannot_open_another_institutions_answers(self, client, world):
        client.force_login(world["fa"])
        response = client.get(answers_url(world, "b"))
        assert response.status_code == 404
        assert "not asked in this cycle" in html_of(response)
        response = client.post(
            answers_url(world, "b"), {"action": "save", "version": 1, "access-to-finance__need": 2}
        )
        assert response.status_code == 404
        assert not Answer.objects.exists()

    def test_focal_point_cannot_see_or_use_the_dashboard(self, client, answered):
        client.force_login(answered["fa"])
        assert client.get("/capacity/cycles/2026/").status_code == 403
        assert client.post("/capacity/cycles/2026/", {"action": "match"}).status_code == 403
        assert client.post("/capacity/cycles/2026/", {"action": "reminders"}).status_code == 403
        assert not MatchingRun.objects.exists()

    def test_bureau_reads_the_dashboard_without_buttons(self, client, answered, bureau_user):
        client.force_login(bureau_user)
        html = html_of(client.get("/capacity/cycles/2026/"))
        assert "Propose matches" not in html and "66.7%" in html
        html = html_of(client.get(answers_url(answered, "b")))
        assert 'value="save"' not in html and "disabled" in html

    def test_focal_point_cycle_list_links_to_its_own_answers_only(self, client, world):
        client.force_login(world["fa"])
        html = html_of(client.get("/capacity/cycles/"))
        assert answers_url(world, "a") in html
        assert answers_url(world, "b") not in html
        assert '/capacity/cycles/2026/"' not in html  # no dashboard link

    def test_unknown_things_are_404(self, client, world):
        client.force_login(world["secretariat"])
        assert client.get("/capacity/cycles/1999/").status_code == 404
        assert client.get("/capacity/activities/nope/").status_code == 404
        assert client.get("/capacity/cycles/2026/answers/nobody/").status_code == 404


def post_answers(client, world, who="a", version=1, action="save", **values):
    """The whole questionnaire as a browser posts it: the stored answers, then ``values``."""
    from smenet.taxonomy.models import Subject

    stored = {
        a.subject.code: a
        for a in Answer.objects.filter(response__institution=world[who]).select_related("subject")
    }
    response = Response.objects.get(institution=world[who], cycle=world["cycle"])
    data = {"action": action, "version": version, "languages": ", ".join(response.languages)}
    for subject in Subject.objects.all():
        answer = stored.get(subject.code) or Answer()
        for name in ("need", "desired_level", "capacity_level", "max_activities"):
            data[f"{subject.code}__{name}"] = str(getattr(answer, name))
        for name in ("preferred_formats", "capacity_formats"):
            data[f"{subject.code}__{name}"] = getattr(answer, name)
        data[f"{subject.code}__delivery_languages"] = ", ".join(answer.delivery_languages)
    data.update(values)
    return client.post(answers_url(world, who), data)


class TestQuestionnaire:
    def test_save_draft_come_back_submit_sign_off(self, client, world):
        client.force_login(world["fa"])
        page = html_of(client.get(answers_url(world)))
        assert 'name="access-to-finance__need"' in page and 'name="version" value="1"' in page
        response = post_answers(
            client,
            world,
            **{"access-to-finance__need": "2", "access-to-finance__preferred_formats": ["online"]},
        )
        assert response.status_code == 302
        saved = Response.objects.get(institution=world["a"])
        assert saved.status == "in_progress" and saved.version == 2
        answer = Answer.objects.get(response=saved)
        assert answer.need == 2 and answer.preferred_formats == ["online"]
        # Only the changed subject was written.
        assert Answer.objects.count() == 1
        page = html_of(client.get(answers_url(world)))
        assert "Your draft is saved" in page and 'name="version" value="2"' in page
        response = post_answers(
            client,
            world,
            version=2,
            action="submit",
            languages="en, ar",
            **{
                "access-to-finance__need": "2",
                "access-to-finance__preferred_formats": ["online"],
                "digital-transformation__capacity_level": "3",
                "digital-transformation__max_activities": "2",
                "digital-transformation__delivery_languages": "en",
            },
        )
        assert response.status_code == 302, html_of(response)
        saved.refresh_from_db()
        assert saved.status == "submitted" and saved.languages == ["ar", "en"]
        # Saving again after submitting: the page says which answers count (there is one set).
        post_answers(
            client,
            world,
            version=saved.version,
            languages="en, ar",
            **{"access-to-finance__need": "3", "access-to-finance__preferred_formats": ["online"]},
        )
        page = html_of(client.get(answers_url(world)))
        assert "count at once" in page and "Your draft is saved" not in page
        saved.refresh_from_db()
        assert saved.status == "submitted"
        assert client.post(answers_url(world), {"action": "sign_off"}).status_code == 302
        saved.refresh_from_db()
        assert saved.status == "signed_off"
        page = html_of(client.get(answers_url(world)))
        assert "signed off, so they are locked" in page and 'value="save"' not in page

    @pytest.mark.parametrize(
        ("values", "field"),
        [
            ({"access-to-finance__need": "7"}, "access-to-finance__need"),
            ({"access-to-finance__max_activities": "-1"}, "access-to-finance__max_activities"),
            (
                {"access-to-finance__capacity_formats": ["pigeon"]},
                "access-to-finance__capacity_formats",
            ),
            (
                {"access-to-finance__delivery_languages": "english"},
                "access-to-finance__delivery_languages",
            ),
            ({"languages": "arabic"}, "languages"),
            ({"max_received": "many"}, "max_received"),
        ],
    )
    def test_bad_input_shows_the_error_next_to_the_field_and_saves_nothing(
        self, client, world, values, field
    ):
        client.force_login(world["fa"])
        response = post_answers(client, world, **{"digital-transformation__need": "1", **values})
        assert response.status_code == 400
        html = html_of(response)
        assert f'id="id_{field}_error"' in html, field
        assert not Answer.objects.exists()
        assert Response.objects.get(institution=world["a"]).version == 1

    def test_submit_without_languages_names_the_field_and_saves_nothing(self, client, world):
        client.force_login(world["fa"])
        response = post_answers(client, world, action="submit", **{"access-to-finance__need": "1"})
        assert response.status_code == 400
        assert 'id="id_languages_error"' in html_of(response)
        assert not Answer.objects.exists()
        assert Response.objects.get(institution=world["a"]).status == "not_started"

    def test_stale_version_shows_the_conflict(self, client, world):
        client.force_login(world["fa"])
        assert post_answers(client, world, **{"access-to-finance__need": "1"}).status_code == 302
        response = post_answers(client, world, version=1, **{"access-to-finance__need": "3"})
        assert response.status_code == 409
        html = html_of(response)
        assert 'class="error-summary"' in html and "after you opened it" in html
        assert Answer.objects.get().need == 1

    def test_locked_after_the_deadline_until_reopened(self, client, world, time_machine):
        time_machine.move_to("2027-01-05 12:00:00+00:00", tick=False)
        client.force_login(world["fa"])
        html = html_of(client.get(answers_url(world)))
        assert "deadline of this cycle" in html and 'value="save"' not in html
        response = post_answers(client, world, **{"access-to-finance__need": "2"})
        assert response.status_code == 400 and not Answer.objects.exists()
        client.force_login(world["secretariat"])
        assert client.post(answers_url(world), {"action": "reopen"}).status_code == 302
        client.force_login(world["fa"])
        assert (
            post_answers(client, world, version=2, **{"access-to-finance__need": "2"}).status_code
            == 302
        )
        assert Answer.objects.get().need == 2

    def test_focal_point_cannot_reopen(self, client, world, time_machine):
        time_machine.move_to("2027-01-05 12:00:00+00:00", tick=False)
        client.force_login(world["fa"])
        assert client.post(answers_url(world), {"action": "reopen"}).status_code == 403
        assert not Response.objects.get(institution=world["a"]).reopened


class TestDashboard:
    def test_rate_missing_heat_map(self, client, answered):
        client.force_login(answered["secretariat"])
        html = html_of(client.get("/capacity/cycles/2026/"))
        assert "66.7%" in html  # two of three institutions
        missing = re.search(r'<table class="table missing">.*?</table>', html, re.S).group(0)
        assert "CCC" in missing and "AAA" not in missing
        assert "heat-map" in html and "heat-4" in html

    def test_reminders(self, client, answered, django_capture_on_commit_callbacks):
        client.force_login(answered["secretariat"])
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/capacity/cycles/2026/", {"action": "reminders"})
        assert response.status_code == 302
        html = html_of(client.get("/capacity/cycles/2026/"))
        assert "1 reminders were queued" in html or "1 reminder" in html
        assert answered["fc"].email in html  # the log

    def test_propose_matches_and_decide(self, client, answered):
        client.force_login(answered["secretariat"])
        response = client.post(
            "/capacity/cycles/2026/", {"action": "match", "require_common_language": "on"}
        )
        assert response.status_code == 302
        run = MatchingRun.objects.get()
        assert run.parameters == {"require_common_language": True, "allow_same_country": False}
        html = html_of(client.get("/capacity/cycles/2026/"))
        assert html.count('value="accept"') == run.proposals.count() == 2
        first, second = run.proposals.order_by("pk")
        client.post("/capacity/cycles/2026/", {"action": "accept", "proposal": first.pk})
        client.post("/capacity/cycles/2026/", {"action": "reject", "proposal": second.pk})
        first.refresh_from_db()
        assert first.status == "accepted" and first.activity is not None
        assert Proposal.objects.get(pk=second.pk).status == "rejected"
        again = client.post(
            "/capacity/cycles/2026/", {"action": "accept", "proposal": first.pk}, follow=True
        )
        assert "already decided" in html_of(again)
        assert Activity.objects.count() == 1

    def test_rerun_names_served_and_unmet_needs(self, client, answered):
        client.force_login(answered["secretariat"])
        client.post("/capacity/cycles/2026/", {"action": "match", "require_common_language": "on"})
        for proposal in MatchingRun.objects.get().proposals.all():
            client.post("/capacity/cycles/2026/", {"action": "accept", "proposal": proposal.pk})
        client.post("/capacity/cycles/2026/", {"action": "match", "require_common_language": "on"})
        html = html_of(client.get("/capacity/cycles/2026/"))
        latest = html[html.index('class="matching-run"') : html.index("</section>")]
        assert 'value="accept"' not in latest  # nothing proposed twice
        assert "2 needs already served by an activity of this cycle" in latest
        a = answered["a"]
        assert f"{a.acronym} — {a.safe_translation_getter('name')}" in latest
        assert f"{a.slug} ·" not in latest and "access-to-finance" not in latest
        # A stale proposal of the first run cannot be accepted twice from the page either.
        again = client.post(
            "/capacity/cycles/2026/",
            {
                "action": "accept",
                "proposal": MatchingRun.objects.earliest("pk").proposals.first().pk,
            },
            follow=True,
        )
        assert "already decided" in html_of(again)
        assert Activity.objects.count() == 2

    def test_secretariat_opens_a_cycle(self, client, world):
        client.force_login(world["secretariat"])
        bad = client.post(
            "/capacity/cycles/new/",
            {
                "code": "2027",
                "title_en": "Cycle 2027",
                "opens_on": "2027-02-01",
                "closes_on": "2027-01-01",
                "institutions": [world["a"].pk],
            },
        )
        assert bad.status_code == 400 and 'id="id_closes_on_error"' in html_of(bad)
        ok = client.post(
            "/capacity/cycles/new/",
            {
                "code": "2027",
                "title_en": "Cycle 2027",
                "opens_on": "2027-01-01",
                "closes_on": "2027-03-01",
                "institutions": [world["a"].pk, world["b"].pk],
            },
        )
        assert ok.status_code == 302 and ok["Location"].endswith("/capacity/cycles/2027/")
        assert Response.objects.filter(cycle__code="2027").count() == 2

    def test_focal_point_cannot_open_a_cycle(self, client, world):
        client.force_login(world["fa"])
        assert client.get("/capacity/cycles/new/").status_code == 403


class TestActivityPage:
    def test_confirmations_lead_to_agreed(self, client, world, activity):
        url = activity.get_absolute_url()
        for who in ("fa", "fb", "fc"):
            client.force_login(world[who])
            assert 'value="confirm"' in html_of(client.get(url))
            assert client.post(url, {"action": "confirm"}).status_code == 302
        activity.refresh_from_db()
        assert activity.status == "agreed"

    def test_only_the_secretariat_sees_the_lifecycle_buttons(self, client, world, activity):
        client.force_login(world["fa"])
        assert 'name="to"' not in html_of(client.get(activity.get_absolute_url()))
        response = client.post(
            activity.get_absolute_url(), {"action": "transition", "to": "cancelled", "reason": "x"}
        )
        assert response.status_code == 403
        client.force_login(world["secretariat"])
        html = html_of(client.get(activity.get_absolute_url()))
        assert 'value="agreed"' in html and 'value="cancelled"' in html
        assert 'value="delivered"' not in html

    def test_cancel_needs_a_reason_shown_next_to_the_field(self, client, world, activity):
        client.force_login(world["secretariat"])
        response = client.post(
            activity.get_absolute_url(), {"action": "transition", "to": "cancelled", "reason": ""}
        )
        assert response.status_code == 400
        assert 'id="id_reason_error"' in html_of(response)
        activity.refresh_from_db()
        assert activity.status == "proposed"

    def test_illegal_transition_is_refused_with_a_message(self, client, world, activity):
        client.force_login(world["secretariat"])
        response = client.post(
            activity.get_absolute_url(), {"action": "transition", "to": "delivered"}
        )
        assert response.status_code == 400
        assert "cannot become" in html_of(response)

    def test_scheduling_in_a_time_zone(self, client, world, activity):
        move(activity, world, "agreed")
        client.force_login(world["secretariat"])
        no_dates = client.post(
            activity.get_absolute_url(),
            {"action": "transition", "to": "scheduled", "time_zone": "UTC"},
        )
        assert 'id="id_starts_at_error"' in html_of(no_dates)
        response = client.post(
            activity.get_absolute_url(),
            {
                "action": "transition",
                "to": "scheduled",
                "starts_at": "2026-12-10T09:00",
                "ends_at": "2026-12-11T17:00",
                "time_zone": "Asia/Baku",
                "format": "hybrid",
                "venue": "Baku",
            },
        )
        assert response.status_code == 302
        activity.refresh_from_db()
        assert activity.status == "scheduled" and activity.time_zone == "Asia/Baku"
        assert activity.starts_at == datetime.datetime(2026, 12, 10, 5, tzinfo=datetime.UTC)
        html = html_of(client.get(activity.get_absolute_url()))
        assert "Asia/Baku" in html and "10 December 2026, 09:00" in html  # wall clock in Baku
        assert "Secretariat Officer" in html  # the history names who moved it

    def test_nominations_within_quota(self, client, world, activity):
        move(activity, world, "agreed", "scheduled", "nominations_open")
        url = activity.get_absolute_url()
        client.force_login(world["fb"])
        person = {
            "action": "nominate",
            "institution": world["b"].pk,
            "full_name": "Leyla",
            "gender": "female",
            "email": "leyla@example.org",
        }
        bad = client.post(url, {**person, "email": "not-an-address"})
        assert bad.status_code == 400 and 'id="id_email_error"' in html_of(bad)
        assert client.post(url, person).status_code == 302
        full = client.post(url, {**person, "email": "other@example.org"})
        assert full.status_code == 400 and "places" in html_of(full)
        assert Nomination.objects.count() == 1
        # Another beneficiary's institution is not offered to BBB's focal point.
        other = client.post(url, {**person, "institution": world["c"].pk, "email": "z@example.org"})
        assert other.status_code == 400 and Nomination.objects.count() == 1
        # The provider (not a beneficiary) cannot nominate.
        client.force_login(world["fa"])
        assert client.post(url, {**person, "email": "p@example.org"}).status_code == 403
        # The provider confirms.
        nomination = Nomination.objects.get()
        response = client.post(url, {"action": "confirm_nomination", "nomination": nomination.pk})
        assert response.status_code == 302
        nomination.refresh_from_db()
        assert nomination.status == "confirmed"

    def test_beneficiary_cannot_confirm_nominations(self, client, world, activity):
        move(activity, world, "agreed", "scheduled", "nominations_open")
        nomination = services.nomination_create(
            actor=world["fb"],
            activity=activity,
            institution=world["b"],
            full_name="L",
            gender="female",
            email="l@example.org",
        )
        client.force_login(world["fb"])
        response = client.post(
            activity.get_absolute_url(),
            {"action": "confirm_nomination", "nomination": nomination.pk},
        )
        assert response.status_code == 403
        assert Nomination.objects.get().status == "nominated"

    def test_attendance_report_and_reported(self, client, world, activity, time_machine):
        move(activity, world, "agreed", "scheduled", "nominations_open")
        nomination = services.nomination_create(
            actor=world["fb"],
            activity=activity,
            institution=world["b"],
            full_name="L",
            gender="female",
            email="l@example.org",
        )
        url = activity.get_absolute_url()
        client.force_login(world["secretariat"])
        # Before the activity starts (10 December), attendance is refused with the date.
        early = client.post(url, {"action": "attendance", f"attended_{nomination.pk}": "on"})
        assert early.status_code == 400
        assert "attendance is recorded from that day on" in html_of(early)
        nomination.refresh_from_db()
        assert nomination.attended is None
        time_machine.move_to("2026-12-10 10:00:00+00:00", tick=False)  # its first day
        assert (
            client.post(
                url, {"action": "attendance", f"attended_{nomination.pk}": "on"}
            ).status_code
            == 302
        )
        early = client.post(url, {"action": "transition", "to": "delivered"})
        assert "it can be marked delivered from that day on" in html_of(early)
        time_machine.move_to(AFTER, tick=False)
        nomination.refresh_from_db()
        assert nomination.attended is True
        move(activity, world, "delivered")
        empty = client.post(url, {"action": "report", "outputs": "", "language": "en"})
        assert empty.status_code == 400 and 'id="id_outputs_error"' in html_of(empty)
        assert (
            client.post(
                url, {"action": "report", "outputs": "12 trained", "language": "en"}
            ).status_code
            == 302
        )
        assert client.post(url, {"action": "transition", "to": "reported"}).status_code == 302
        activity.refresh_from_db()
        assert activity.status == "reported"
        html = html_of(client.get(url))
        assert "12 trained" in html and "/capacity/evaluate/" in html


class TestEvaluation:
    def test_participant_evaluates_once(self, client, delivered):
        token = signing.dumps(delivered.pk, salt="smenet.evaluation")
        url = f"/capacity/evaluate/{token}/"
        bad = client.post(url, {"relevance": "9", "quality": "4", "usefulness": "5"})
        assert bad.status_code == 400 and 'id="id_relevance_error"' in html_of(bad)
        ok = client.post(
            url, {"relevance": "5", "quality": "4", "usefulness": "5", "comments": "Useful"}
        )
        assert ok.status_code == 302
        delivered.refresh_from_db()
        assert delivered.evaluation.quality == 4
        assert "is recorded" in html_of(client.get(url))

    def test_bad_and_expired_tokens(self, client, delivered, time_machine):
        assert client.get("/capacity/evaluate/nonsense/").status_code == 404
        forged = signing.dumps(delivered.pk, salt="another")
        assert client.get(f"/capacity/evaluate/{forged}/").status_code == 404
        token = signing.dumps(delivered.pk, salt="smenet.evaluation")
        time_machine.move_to("2028-06-01 12:00:00+00:00", tick=False)
        response = client.get(f"/capacity/evaluate/{token}/")
        assert response.status_code == 400 and "expired" in html_of(response)


class TestCertificate:
    def url(self, nomination, lang="en"):
        return (
            f"/capacity/activities/{nomination.activity.reference}/certificates/"
            f"{nomination.pk}.pdf?lang={lang}"
        )

    @pytest.mark.parametrize("who", ["secretariat", "fa", "fb"])
    def test_allowed_people_get_a_pdf(self, client, world, delivered, who):
        client.force_login(world[who])
        response = client.get(self.url(delivered, "ar"))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")

    def test_others_are_refused(self, client, world, delivered):
        assert client.get(self.url(delivered)).status_code == 302  # anonymous → log in
        client.force_login(world["fc"])  # neither side: a participant it cannot see
        assert client.get(self.url(delivered)).status_code == 404
        client.force_login(world["secretariat"])
        assert client.get(self.url(delivered, "tr")).status_code == 400

    def test_only_for_attended(self, client, world, delivered):
        delivered.attended = False
        delivered.save()
        client.force_login(world["secretariat"])
        assert client.get(self.url(delivered)).status_code == 404


class TestReports:
    def test_report_page_and_exports(self, client, world, delivered):
        client.force_login(world["secretariat"])
        html = html_of(client.get("/capacity/reports/"))
        assert "Female" in html and "XAA" in html and "format=xlsx" in html
        csv = client.get("/capacity/reports/export/?format=csv")
        assert csv.status_code == 200 and csv["Content-Type"].startswith("text/csv")
        assert delivered.activity.reference in csv.content.decode()
        xlsx = client.get("/capacity/reports/export/?format=xlsx&cycle=2026")
        assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
        assert client.get("/capacity/reports/export/?format=pdf").status_code == 400


def _grow(world, n):
    """n more institutions, each asked, answering and taking part in a public activity."""
    start = Response.objects.count()
    for i in range(start, start + n):
        inst = InstitutionFactory(acronym=f"G{i}", country=CountryFactory(iso3=f"G{i:02d}"))
        Response.objects.create(cycle=world["cycle"], institution=inst, status="submitted")
        SubjectFactory(code=f"grow-{i}")
        activity = services.activity_create(
            actor=world["secretariat"],
            type=world["type"],
            subject=world["finance"],
            titles={"en": f"Activity {i}"},
            providers=[world["a"]],
            beneficiaries=[inst],
            cycle=world["cycle"],
        )
        move(activity, world, "agreed", "scheduled")


@pytest.mark.parametrize(
    ("who", "path"),
    [
        (None, "/capacity/"),
        ("secretariat", "/capacity/"),
        ("fa", "/capacity/cycles/"),
        ("secretariat", "/capacity/cycles/"),
        ("secretariat", "/capacity/cycles/2026/"),
        ("secretariat", "/capacity/reports/"),
    ],
)
def test_query_count_does_not_grow_with_data(
    client, answered, who, path, django_assert_max_num_queries
):
    world = answered
    if who:
        client.force_login(world[who])

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(path).status_code == 200
        return len(ctx.captured_queries)

    _grow(world, 3)
    small = count()
    _grow(world, 12)
    large = count()
    assert large <= small, f"{path}: {small} queries, then {large} with more data"
    with django_assert_max_num_queries(25):
        client.get(path)
