import json

import pytest
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext

from smenet.api.testing import problem
from smenet.capacity.models import Activity, Answer, MatchingRun, Nomination, Response

pytestmark = pytest.mark.django_db
TODAY = "2026-11-29 12:00:00+00:00"


@pytest.fixture(autouse=True)
def clock(time_machine):
    time_machine.move_to(TODAY, tick=False)


class TestMatchingRunApi:
    CONTRACT = {
        "subjects": ["access-to-finance", "digital-transformation"],
        "institutions": [
            {
                "id": "KOBIA",
                "country": "AZE",
                "languages": ["az", "en", "ru"],
                "needs": {"access-to-finance": 2},
                "capacities": {"digital-transformation": {"level": 3, "max_activities": 2}},
                "max_received": 3,
            },
            {
                "id": "KOSGEB",
                "country": "TUR",
                "languages": ["tr", "en"],
                "needs": {"digital-transformation": 3},
                "capacities": {"access-to-finance": {"level": 2, "max_activities": 1}},
            },
        ],
        "options": {"require_common_language": True, "allow_same_country": False},
    }

    def test_contract_example(self, api):
        response = api.post("/api/v1/matching/run/", self.CONTRACT, format="json")
        assert response.status_code == 200, response.content
        body = response.json()
        assert body["optimal"] is True and body["total_score"] == 2 * 2 + 3 * 3
        assert {
            (a["provider"], a["beneficiary"], a["subject"], a["score"]) for a in body["activities"]
        } == {
            ("KOSGEB", "KOBIA", "access-to-finance", 4),
            ("KOBIA", "KOSGEB", "digital-transformation", 9),
        }
        again = api.post("/api/v1/matching/run/", self.CONTRACT, format="json").json()
        assert again == body

    @pytest.mark.parametrize(
        ("mutate", "path"),
        [
            (
                lambda d: d["institutions"][0]["needs"].update({"tourism": 1}),
                "institutions[0].needs",
            ),
            (
                lambda d: d["institutions"][0]["capacities"]["digital-transformation"].update(
                    level=4
                ),
                "institutions[0].capacities.digital-transformation.level",
            ),
            (lambda d: d["institutions"][1].update(id="KOBIA"), "institutions[1].id"),
            (
                lambda d: d["institutions"][0]["capacities"]["digital-transformation"].update(
                    max_activities=-1
                ),
                "institutions[0].capacities.digital-transformation.max_activities",
            ),
        ],
    )
    def test_bad_input_is_400_naming_the_place(self, api, mutate, path):
        data = json.loads(json.dumps(self.CONTRACT))
        mutate(data)
        response = api.post("/api/v1/matching/run/", data, format="json")
        assert response.status_code == 400
        errors = problem(response)["errors"]
        assert any(key.startswith(path) for key in errors), errors

    def test_malformed_json(self, api):
        response = api.post(
            "/api/v1/matching/run/", '{"subjects": [', content_type="application/json"
        )
        assert response.status_code == 400
        body = problem(response)
        assert body["code"] == "invalid_matching_input" and "$" in body["errors"]

    @pytest.mark.parametrize("lang", ["en", "ar"])
    def test_json_nested_1000_deep_is_refused_before_parsing(self, api, lang):
        deep = '{"subjects": ' + "[" * 1000 + "]" * 1000 + "}"
        response = api.post(
            f"/api/v1/matching/run/?lang={lang}", deep, content_type="application/json"
        )
        assert response.status_code == 400
        body = problem(response)
        assert body["code"] == "too_deep"
        assert "recursion" not in response.content.decode()
        with translation.override(lang):
            expected = gettext("The JSON is nested more than %(depth)s levels deep.") % {
                "depth": 32
            }
        assert body["detail"] == expected


def answer(client, world, who, payload, version):
    slug = world[who].slug
    return client.patch(
        f"/api/v1/cycles/2026/responses/{slug}/", {"version": version, **payload}, format="json"
    )


class TestQuestionnaire:
    def test_partial_save_then_submit_and_sign_off(self, as_user, world):
        client = as_user(world["fa"])
        first = answer(client, world, "a", {"answers": {"access-to-finance": {"need": 2}}}, 1)
        assert first.status_code == 200, first.content
        assert first.json()["status"] == "in_progress"
        second = answer(
            client,
            world,
            "a",
            {
                "languages": ["en", "ar"],
                "answers": {
                    "digital-transformation": {
                        "capacity_level": 3,
                        "max_activities": 2,
                        "delivery_languages": ["en"],
                        "capacity_formats": ["online"],
                    }
                },
            },
            2,
        )
        assert second.status_code == 200
        body = second.json()
        assert {a["subject"]: a["need"] for a in body["answers"]} == {
            "access-to-finance": 2,
            "digital-transformation": 0,
        }
        url = f"/api/v1/cycles/2026/responses/{world['a'].slug}/"
        assert client.post(url + "submit/").json()["status"] == "submitted"
        assert client.post(url + "sign-off/").json()["status"] == "signed_off"
        late = answer(client, world, "a", {"answers": {"access-to-finance": {"need": 3}}}, 5)
        assert late.status_code == 400 and problem(late)["code"] == "signed_off"

    def test_focal_point_cannot_read_or_answer_for_another(self, as_user, world):
        client = as_user(world["fa"])
        url = f"/api/v1/cycles/2026/responses/{world['b'].slug}/"
        assert client.get(url).status_code == 404
        response = answer(client, world, "b", {"answers": {"access-to-finance": {"need": 2}}}, 1)
        assert response.status_code == 404
        assert not Answer.objects.exists()

    def test_bureau_reads_all_but_cannot_answer(self, as_user, world, bureau_user):
        client = as_user(bureau_user)
        assert client.get(f"/api/v1/cycles/2026/responses/{world['b'].slug}/").status_code == 200
        assert answer(client, world, "b", {"answers": {}}, 1).status_code == 403

    @pytest.mark.parametrize(
        ("payload", "field"),
        [
            ({"answers": {"access-to-finance": {"need": 4}}}, "answers.access-to-finance.need"),
            ({"answers": {"tourism": {"need": 1}}}, "answers.tourism"),
            (
                {"answers": {"access-to-finance": {"capacity_formats": ["carrier-pigeon"]}}},
                "answers.access-to-finance.capacity_formats",
            ),
            (
                {"answers": {"access-to-finance": {"max_activities": -2}}},
                "answers.access-to-finance.max_activities",
            ),
            ({"languages": ["english"]}, "languages"),
            (
                {"answers": {"access-to-finance": {"colour": "red"}}},
                "answers.access-to-finance.colour",
            ),
        ],
    )
    def test_bad_answers_name_the_field_and_save_nothing(self, as_user, world, payload, field):
        client = as_user(world["fa"])
        ok = {"answers": {"digital-transformation": {"need": 1}}}
        response = answer(
            client,
            world,
            "a",
            {**payload, "answers": {**ok["answers"], **payload.get("answers", {})}},
            1,
        )
        assert response.status_code == 400
        assert field in problem(response)["errors"]
        assert not Answer.objects.exists()
        assert Response.objects.get(institution=world["a"]).version == 1

    def test_stale_version_is_a_conflict(self, as_user, world):
        client = as_user(world["fa"])
        assert (
            answer(
                client, world, "a", {"answers": {"access-to-finance": {"need": 1}}}, 1
            ).status_code
            == 200
        )
        stale = answer(client, world, "a", {"answers": {"access-to-finance": {"need": 3}}}, 1)
        assert stale.status_code == 409 and problem(stale)["code"] == "edit_conflict"
        assert Answer.objects.get().need == 1

    def test_after_the_deadline_answers_are_locked_until_reopened(
        self, as_user, world, time_machine
    ):
        time_machine.move_to("2027-01-05 12:00:00+00:00", tick=False)
        client = as_user(world["fa"])
        locked = answer(client, world, "a", {"answers": {"access-to-finance": {"need": 1}}}, 1)
        assert locked.status_code == 400 and problem(locked)["code"] == "cycle_closed"
        url = f"/api/v1/cycles/2026/responses/{world['a'].slug}/reopen/"
        assert client.post(url).status_code == 403  # only the Secretariat reopens
        assert as_user(world["secretariat"]).post(url).status_code == 200
        assert (
            answer(
                as_user(world["fa"]), world, "a", {"answers": {"access-to-finance": {"need": 1}}}, 2
            ).status_code
            == 200
        )

    def test_submit_needs_languages(self, as_user, world):
        client = as_user(world["fa"])
        answer(client, world, "a", {"answers": {"access-to-finance": {"need": 1}}}, 1)
        response = client.post(f"/api/v1/cycles/2026/responses/{world['a'].slug}/submit/")
        assert response.status_code == 400 and "languages" in problem(response)["errors"]

    def test_reminders_go_to_those_who_have_not_submitted(
        self, as_user, world, django_capture_on_commit_callbacks
    ):
        client = as_user(world["fa"])
        answer(
            client,
            world,
            "a",
            {"languages": ["en"], "answers": {"access-to-finance": {"need": 1}}},
            1,
        )
        client.post(f"/api/v1/cycles/2026/responses/{world['a'].slug}/submit/")
        assert as_user(world["fb"]).post("/api/v1/cycles/2026/reminders/").status_code == 403
        with django_capture_on_commit_callbacks(execute=True):
            response = as_user(world["secretariat"]).post("/api/v1/cycles/2026/reminders/")
        assert response.status_code == 202 and response.json() == {"queued": 2}
        assert sorted(m.to[0] for m in mail.outbox) == sorted(
            [world["fb"].email, world["fc"].email]
        )
        assert world["cycle"].reminders.count() == 2


def fill(client, world, who, payload):
    version = Response.objects.get(institution=world[who], cycle=world["cycle"]).version
    assert answer(client, world, who, payload, version).status_code == 200
    assert (
        client.post(f"/api/v1/cycles/2026/responses/{world[who].slug}/submit/").status_code == 200
    )


@pytest.fixture
def answered(as_user, world):
    fill(
        as_user(world["fa"]),
        world,
        "a",
        {
            "languages": ["en"],
            "answers": {
                "access-to-finance": {"need": 3},
                "digital-transformation": {
                    "capacity_level": 3,
                    "max_activities": 1,
                    "delivery_languages": ["en"],
                },
            },
        },
    )
    fill(
        as_user(world["fb"]),
        world,
        "b",
        {
            "languages": ["en", "fr"],
            "answers": {
                "access-to-finance": {
                    "capacity_level": 2,
                    "max_activities": 2,
                    "delivery_languages": ["en"],
                },
                "digital-transformation": {"need": 2},
            },
        },
    )
    fill(
        as_user(world["fc"]),
        world,
        "c",
        {
            "languages": ["fr"],
            "answers": {"access-to-finance": {"need": 1}, "digital-transformation": {"need": 3}},
        },
    )
    return world


class TestProposeMatches:
    def test_secretariat_runs_matching_on_the_answers(self, as_user, answered):
        client = as_user(answered["secretariat"])
        response = client.post("/api/v1/cycles/2026/matching-runs/", {}, format="json")
        assert response.status_code == 201, response.content
        body = response.json()
        # A(needs finance 3) ← B(level 2): 6; B(needs digital 2) ← A(level 3): 6; C speaks only
        # French: B speaks French and provides finance → 2; nobody French provides digital.
        assert body["total_score"] == 6 + 6 + 2
        run = MatchingRun.objects.get()
        assert run.input["institutions"][0]["id"] == "aaa" and run.output["optimal"] is True
        unmet = body["output"]["unmet_needs"]
        assert [(u["beneficiary"], u["subject"]) for u in unmet] == [
            ("ccc", "digital-transformation")
        ]

        proposal = body["proposals"][0]
        accepted = client.post(f"/api/v1/proposals/{proposal['id']}/accept/", {}, format="json")
        assert accepted.status_code == 200 and accepted.json()["activity"]
        again = client.post(f"/api/v1/proposals/{proposal['id']}/accept/", {}, format="json")
        assert again.status_code == 409

    def test_focal_point_cannot_run_matching(self, as_user, answered):
        response = as_user(answered["fa"]).post(
            "/api/v1/cycles/2026/matching-runs/", {}, format="json"
        )
        assert response.status_code == 403
        assert not MatchingRun.objects.exists()


class TestRerunMatching:
    """A second run never proposes what the cycle's live activities already serve or use."""

    def run(self, client):
        response = client.post("/api/v1/cycles/2026/matching-runs/", {}, format="json")
        assert response.status_code == 201, response.content
        return response.json()

    def pairs(self, body):
        return sorted((p["beneficiary"], p["subject"]) for p in body["proposals"])

    def test_served_needs_are_not_proposed_again(self, as_user, answered):
        client = as_user(answered["secretariat"])
        first = self.run(client)
        for proposal in first["proposals"]:
            accepted = client.post(f"/api/v1/proposals/{proposal['id']}/accept/", format="json")
            assert accepted.status_code == 200
        second = self.run(client)
        assert second["proposals"] == [] and second["total_score"] == 0
        served = second["output"]["already_served"]
        assert sorted((u["beneficiary"], u["subject"]) for u in served) == self.pairs(first)
        assert all(u["reason"] == "already_served" and u["activity"] for u in served)
        assert [(u["beneficiary"], u["subject"]) for u in second["output"]["unmet_needs"]] == [
            ("ccc", "digital-transformation")
        ]
        assert Activity.objects.count() == 3

        # A cancelled activity frees its need: the next run proposes it again.
        from smenet.capacity import services

        activity = Activity.objects.get(beneficiaries=answered["c"])
        services.activity_transition(
            actor=answered["secretariat"], activity=activity, to="cancelled", reason="No budget."
        )
        third = self.run(client)
        assert self.pairs(third) == [("ccc", "access-to-finance")]

    def test_used_capacity_counts_against_max_activities(self, as_user, answered):
        """BBB offers 2 finance activities; one is already given outside the run, one is
        accepted: CCC's finance need is then left unmet, the capacity being used."""
        from smenet.capacity import services
        from smenet.registry.tests.factories import InstitutionFactory

        services.activity_create(
            actor=answered["secretariat"],
            type=answered["type"],
            subject=answered["finance"],
            titles={"en": "Earlier"},
            providers=[answered["b"]],
            beneficiaries=[InstitutionFactory()],
            cycle=answered["cycle"],
        )
        client = as_user(answered["secretariat"])
        first = self.run(client)
        # Only one finance activity left at BBB: AAA (need 3) gets it, CCC (need 1) does not.
        assert ("ccc", "access-to-finance") not in self.pairs(first)
        unmet = {
            (u["beneficiary"], u["subject"]): u["reason"] for u in first["output"]["unmet_needs"]
        }
        assert unmet[("ccc", "access-to-finance")] == "provider_capacity_exhausted"
        run = MatchingRun.objects.get()
        bbb = next(i for i in run.input["institutions"] if i["id"] == "bbb")
        assert bbb["capacities"]["access-to-finance"]["max_activities"] == 1

    def test_accepting_a_duplicate_is_refused(self, as_user, answered):
        client = as_user(answered["secretariat"])
        first = self.run(client)
        second = self.run(client)  # before anything is accepted: the same proposals
        assert self.pairs(first) == self.pairs(second)
        a_finance = [
            next(p for p in body["proposals"] if p["beneficiary"] == "aaa")
            for body in (first, second)
        ]
        ok = client.post(f"/api/v1/proposals/{a_finance[0]['id']}/accept/", format="json")
        assert ok.status_code == 200
        refused = client.post(f"/api/v1/proposals/{a_finance[1]['id']}/accept/", format="json")
        assert refused.status_code == 409
        body = problem(refused)
        assert body["code"] == "already_served"
        assert "AAA" in body["detail"] and ok.json()["activity"] in body["detail"]
        assert Activity.objects.count() == 1
        # Rejecting the stale proposal is still possible.
        rejected = client.post(f"/api/v1/proposals/{a_finance[1]['id']}/reject/", format="json")
        assert rejected.status_code == 200

    def test_accept_refused_when_provider_capacity_is_used(self, as_user, answered):
        from smenet.capacity import services
        from smenet.registry.tests.factories import InstitutionFactory

        client = as_user(answered["secretariat"])
        first = self.run(client)
        # Meanwhile BBB's two finance activities are given by hand.
        for _ in range(2):
            services.activity_create(
                actor=answered["secretariat"],
                type=answered["type"],
                subject=answered["finance"],
                titles={"en": "By hand"},
                providers=[answered["b"]],
                beneficiaries=[InstitutionFactory()],
                cycle=answered["cycle"],
            )
        stale = next(p for p in first["proposals"] if p["provider"] == "bbb")
        refused = client.post(f"/api/v1/proposals/{stale['id']}/accept/", format="json")
        assert refused.status_code == 409 and problem(refused)["code"] == "capacity_used"
        assert Activity.objects.count() == 2


@pytest.fixture
def activity(as_user, world):
    client = as_user(world["secretariat"])
    response = client.post(
        "/api/v1/activities/",
        {
            "type": "training-course",
            "subject": "access-to-finance",
            "titles": {"en": "Credit guarantee schemes", "ar": "أنظمة ضمان القروض"},
            "providers": ["AAA"],
            "beneficiaries": ["bbb", "CCC"],
            "languages": ["en", "ar"],
            "format": "online",
            "participants_per_beneficiary": 2,
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    return Activity.objects.get(reference=response.json()["reference"])


class TestActivityLifecycle:
    def test_whole_lifecycle(self, as_user, world, activity, time_machine):
        ref = f"/api/v1/activities/{activity.reference}/"
        sec = as_user(world["secretariat"])
        # Both sides confirm → agreed.
        assert as_user(world["fa"]).post(ref + "confirm/").json()["status"] == "proposed"
        assert as_user(world["fb"]).post(ref + "confirm/").json()["status"] == "proposed"
        assert as_user(world["fc"]).post(ref + "confirm/").json()["status"] == "agreed"
        bad = sec.post(ref + "transition/", {"status": "delivered"}, format="json")
        assert bad.status_code == 400 and problem(bad)["code"] == "illegal_transition"
        no_dates = sec.post(ref + "transition/", {"status": "scheduled"}, format="json")
        assert no_dates.status_code == 400 and "starts_at" in problem(no_dates)["errors"]
        scheduled = sec.post(
            ref + "transition/",
            {
                "status": "scheduled",
                "starts_at": "2026-12-10T09:00:00+04:00",
                "ends_at": "2026-12-11T17:00:00+04:00",
                "time_zone": "Asia/Baku",
            },
            format="json",
        )
        assert scheduled.status_code == 200, scheduled.content
        assert (
            sec.post(ref + "transition/", {"status": "nominations_open"}, format="json").status_code
            == 200
        )

        fb = as_user(world["fb"])
        person = {
            "institution": "BBB",
            "full_name": "Leyla Mammadova",
            "gender": "female",
            "email": "leyla@example.org",
            "position": "Analyst",
        }
        assert fb.post(ref + "nominations/", person, format="json").status_code == 201
        assert fb.post(ref + "nominations/", person, format="json").status_code == 409
        fb.post(
            ref + "nominations/",
            {**person, "email": "x@example.org", "gender": "male"},
            format="json",
        )
        full = fb.post(ref + "nominations/", {**person, "email": "y@example.org"}, format="json")
        assert full.status_code == 409 and problem(full)["code"] == "quota_full"
        other = fb.post(
            ref + "nominations/",
            {**person, "institution": "CCC", "email": "z@example.org"},
            format="json",
        )
        assert other.status_code == 403
        assert Nomination.objects.count() == 2

        # Not delivered before its last day (11 December in Baku).
        early = sec.post(ref + "transition/", {"status": "delivered"}, format="json")
        assert early.status_code == 400 and problem(early)["code"] == "not_yet"
        assert "11 December 2026" in problem(early)["detail"]
        time_machine.move_to("2026-12-10T21:00:00+00:00", tick=False)  # 11 December, 01:00 Baku
        assert (
            sec.post(ref + "transition/", {"status": "delivered"}, format="json").status_code == 200
        )
        early = sec.post(ref + "transition/", {"status": "reported"}, format="json")
        assert early.status_code == 400 and problem(early)["code"] == "no_report"
        transitions = list(activity.transitions.values_list("to_status", flat=True))
        assert transitions == ["agreed", "scheduled", "nominations_open", "delivered"]

    def test_cancel_needs_a_reason(self, as_user, world, activity):
        sec = as_user(world["secretariat"])
        ref = f"/api/v1/activities/{activity.reference}/transition/"
        response = sec.post(ref, {"status": "cancelled"}, format="json")
        assert response.status_code == 400 and "reason" in problem(response)["errors"]
        ok = sec.post(ref, {"status": "cancelled", "reason": "Budget"}, format="json")
        assert ok.json()["status"] == "cancelled"
        final = sec.post(ref, {"status": "agreed"}, format="json")
        assert final.status_code == 400

    def test_focal_point_cannot_move_the_lifecycle(self, as_user, world, activity):
        response = as_user(world["fa"]).post(
            f"/api/v1/activities/{activity.reference}/transition/",
            {"status": "cancelled", "reason": "x"},
            format="json",
        )
        assert response.status_code == 403

    def test_proposed_activities_are_not_public(self, api, activity):
        assert api.get("/api/v1/activities/").json()["count"] == 0
        assert api.get(f"/api/v1/activities/{activity.reference}/").status_code == 404

    @pytest.mark.parametrize(
        ("payload", "field"),
        [
            ({"type": "party"}, "type"),
            ({"subject": "tourism"}, "subject"),
            ({"providers": ["NOPE"]}, "providers[0]"),
            ({"beneficiaries": ["AAA"]}, "beneficiaries"),
            ({"languages": ["xxx"]}, "languages"),
            ({"format": "telepathy"}, "format"),
        ],
    )
    def test_bad_activity_input(self, as_user, world, payload, field):
        base = {
            "type": "training-course",
            "subject": "access-to-finance",
            "titles": {"en": "T"},
            "providers": ["AAA"],
            "beneficiaries": ["BBB"],
        }
        response = as_user(world["secretariat"]).post(
            "/api/v1/activities/", {**base, **payload}, format="json"
        )
        assert response.status_code == 400
        assert field in problem(response)["errors"]
        assert not Activity.objects.exists()


def test_an_accepted_proposal_titles_its_activity_in_every_language(as_user, answered):
    """The title the system composes is written per language, not stored in English only."""
    client = as_user(answered["secretariat"])
    body = client.post("/api/v1/cycles/2026/matching-runs/", {}, format="json").json()
    proposal = next(p for p in body["proposals"] if p["beneficiary"] == "aaa")
    reference = client.post(f"/api/v1/proposals/{proposal['id']}/accept/").json()["activity"]
    activity = Activity.objects.get(reference=reference)
    titles = {t.language_code: t.title for t in activity.translations.all()}
    assert set(titles) == {"ar", "en", "fr"}
    assert titles["ar"].endswith("من BBB إلى AAA") and "Access" not in titles["ar"]
    assert titles["en"].endswith("BBB → AAA") and titles["fr"].endswith("BBB → AAA")
