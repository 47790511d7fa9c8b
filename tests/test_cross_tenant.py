"""A focal point of institution A gets 404 on every detail and write URL of institution B's
objects, and nothing changes (issue 12 §1, decisions 0007 and 0015).

Generated, not hand-picked: every route with parameters in the URL conf and every path with
parameters in the OpenAPI schema must be listed below, either with B's object to try or in
``NOT_MEMBER_DATA`` with the reason it addresses no institution's data. A new URL fails
``test_every_url_is_covered`` until someone decides which it is.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import LocalePrefixPattern, URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

W = SimpleNamespace


@dataclass(frozen=True)
class Target:
    """B's object for a URL: ``kwargs(world)`` fills the URL; ``methods`` are tried as A's
    focal point; ``public_read``: B's object is public, so a GET is a 200, not a 404."""

    kwargs: Callable[[W], dict[str, Any]]
    methods: tuple[str, ...] = ("get", "post")
    public_read: bool = False


def _code(w: W) -> dict[str, Any]:
    return {"code": w.plan.code}


PAGES: dict[str, Target] = {
    "registry:institution-detail": Target(lambda w: {"slug": w.b.slug}, ("get",), True),
    "registry:institution-edit": Target(lambda w: {"slug": w.b.slug}),
    "capacity:response-edit": Target(lambda w: {"code": w.cycle.code, "slug": w.b.slug}),
    "capacity:activity-detail": Target(lambda w: {"reference": w.activity.reference}),
    "capacity:certificate": Target(
        lambda w: {"reference": w.delivered.reference, "pk": w.nomination.pk}, ("get",)
    ),
    "plans:item-create": Target(lambda w: {**_code(w), "number": w.draft.number}),
    "plans:import": Target(lambda w: {**_code(w), "number": w.draft.number}),
    "plans:version-action": Target(
        lambda w: {**_code(w), "number": w.draft.number, "action": "submit"}, ("post",)
    ),
    "plans:item": Target(lambda w: {**_code(w), "pk": w.draft_item.pk}),
    "plans:comment-resolve": Target(lambda w: {**_code(w), "pk": w.comment.pk}, ("post",)),
    "plans:report": Target(lambda w: {**_code(w), "pk": w.round.pk, "item_pk": w.item.pk}),
    "plans:report-review": Target(lambda w: {**_code(w), "pk": w.report.pk}, ("post",)),
    "plans:evidence": Target(lambda w: {**_code(w), "pk": w.evidence.pk}, ("get",)),
    "knowledge:practice-detail": Target(lambda w: {"pk": w.practice.pk}, ("get",)),
    "knowledge:practice-edit": Target(lambda w: {"pk": w.practice.pk}),
    "knowledge:practice-submit": Target(lambda w: {"pk": w.practice.pk}, ("post",)),
    "knowledge:practice-withdraw": Target(lambda w: {"pk": w.submitted.pk}, ("post",)),
    "knowledge:practice-review": Target(lambda w: {"pk": w.submitted.pk}),
    "knowledge:practice-interest": Target(lambda w: {"pk": w.practice.pk}, ("post",)),
    "knowledge:attachment": Target(
        lambda w: {"pk": w.practice.pk, "attachment_pk": w.attachment.pk}, ("get",)
    ),
    "knowledge:interest-status": Target(lambda w: {"pk": w.interest.pk}, ("post",)),
    "jobs:detail": Target(lambda w: {"pk": w.job.pk}, ("get",)),
    "jobs:result": Target(lambda w: {"pk": w.job.pk}, ("get",)),
    "statistics:submission-edit": Target(lambda w: {"pk": w.submission.pk}),
    "statistics:submission-review": Target(lambda w: {"pk": w.submission.pk}),
    "services_directory:detail": Target(lambda w: {"pk": w.service_draft.pk}, ("get",)),
    "services_directory:edit": Target(lambda w: {"pk": w.service.pk}),
    "services_directory:step": Target(lambda w: {"pk": w.service.pk}, ("post",)),
    "experts:detail": Target(lambda w: {"pk": w.expert.pk}, ("get",)),
    "experts:edit": Target(lambda w: {"pk": w.expert.pk}),
    "experts:consent": Target(lambda w: {"pk": w.expert.pk}),
    "experts:vet": Target(lambda w: {"pk": w.expert.pk}, ("post",)),
    "experts:cv": Target(lambda w: {"pk": w.expert.pk}, ("get",)),
    "experts:activity": Target(lambda w: {"reference": w.activity.reference}),
    # Meetings: the delegates page of a meeting only B was invited to, B's delegate's
    # invitation letter, the follow-up action B owns.
    "events:participants": Target(lambda w: {"code": w.meeting.code}),
    "events:letter": Target(
        lambda w: {"code": w.meeting.code, "pk": w.delegate.pk, "lang": "en"}, ("get",)
    ),
    "events:follow-up-status": Target(lambda w: {"pk": w.action.pk}, ("post",)),
}

API: dict[str, Target] = {
    "/api/v1/institutions/{slug}/": Target(lambda w: {"slug": w.b.slug}, public_read=True),
    "/api/v1/cycles/{code}/responses/{slug}/": Target(
        lambda w: {"code": w.cycle.code, "slug": w.b.slug}
    ),
    **{
        f"/api/v1/cycles/{{code}}/responses/{{slug}}/{step}/": Target(
            lambda w: {"code": w.cycle.code, "slug": w.b.slug}
        )
        for step in ("submit", "sign-off", "reopen")
    },
    **{
        path: Target(lambda w: {"reference": w.activity.reference})
        for path in (
            "/api/v1/activities/{reference}/",
            "/api/v1/activities/{reference}/confirm/",
            "/api/v1/activities/{reference}/nominations/",
            "/api/v1/activities/{reference}/transition/",
        )
    },
    "/api/v1/nominations/{id}/confirm/": Target(lambda w: {"id": w.nomination.pk}),
    "/api/v1/nominations/{id}/decline/": Target(lambda w: {"id": w.nomination.pk}),
    "/api/v1/proposals/{id}/accept/": Target(lambda w: {"id": w.proposal.pk}),
    "/api/v1/proposals/{id}/reject/": Target(lambda w: {"id": w.proposal.pk}),
    "/api/v1/best-practices/{id}/": Target(lambda w: {"id": w.practice.pk}),
    "/api/v1/best-practices/{id}/submit/": Target(lambda w: {"id": w.practice.pk}),
    "/api/v1/best-practices/{id}/interest/": Target(lambda w: {"id": w.practice.pk}),
    "/api/v1/best-practices/{id}/withdraw/": Target(lambda w: {"id": w.submitted.pk}),
    "/api/v1/best-practices/{id}/publish/": Target(lambda w: {"id": w.submitted.pk}),
    "/api/v1/best-practices/{id}/return/": Target(lambda w: {"id": w.submitted.pk}),
    "/api/v1/plan-items/{id}/": Target(lambda w: {"id": w.draft_item.pk}),
    "/api/v1/plan-items/{id}/comments/": Target(lambda w: {"id": w.draft_item.pk}),
    "/api/v1/plan-comments/{id}/resolve/": Target(lambda w: {"id": w.comment.pk}),
    "/api/v1/jobs/{id}/": Target(lambda w: {"id": w.job.pk}),
    "/api/v1/plans/{code}/versions/{number}/import/": Target(
        lambda w: {**_code(w), "number": w.draft.number}
    ),
    "/api/v1/plans/{code}/versions/{number}/{action}/": Target(
        lambda w: {**_code(w), "number": w.draft.number, "action": "submit"}
    ),
    "/api/v1/reporting-rounds/{round_pk}/items/{item_pk}/report/": Target(
        lambda w: {"round_pk": w.round.pk, "item_pk": w.item.pk}
    ),
    "/api/v1/progress-reports/{id}/{action}/": Target(
        lambda w: {"id": w.report.pk, "action": "validate"}
    ),
    "/api/v1/participants/{id}/decision/": Target(lambda w: {"id": w.delegate.pk}),
    "/api/v1/actions/{id}/": Target(lambda w: {"id": w.action.pk}),
    **{
        path: Target(lambda w: {"id": w.submission.pk})
        for path in (
            "/api/v1/observation-submissions/{id}/",
            "/api/v1/observation-submissions/{id}/verify/",
            "/api/v1/observation-submissions/{id}/return/",
        )
    },
    # B's published service is public (a GET is a 200); every write is a 404.
    "/api/v1/services/{id}/": Target(lambda w: {"id": w.service.pk}, public_read=True),
    **{
        f"/api/v1/services/{{id}}/{step}/": Target(lambda w: {"id": w.service.pk})
        for step in ("submit", "publish", "return", "archive", "restore", "confirm")
    },
    "/api/v1/experts/{id}/": Target(lambda w: {"id": w.expert.pk}),
}

#: URLs with parameters that address no institution's data, and why.
NOT_MEMBER_DATA: dict[str, str] = {
    "registry:country-detail": "member states are public reference data",
    "/api/v1/countries/{iso3}/": "member states are public reference data",
    "capacity:cycle-dashboard": "a cycle is the whole network's; its dashboard is the officers'",
    "/api/v1/cycles/{code}/matching-runs/": "matching a cycle is the Secretariat's (403 by role)",
    "/api/v1/cycles/{code}/reminders/": "reminding a cycle is the Secretariat's (403 by role)",
    "capacity:evaluation": "the signed link is the participant's key; no account is involved",
    "knowledge:publication-detail": "publications are the Secretariat's, public or for members",
    "knowledge:publication-file": "publications are the Secretariat's, public or for members",
    "statistics:indicator": "verified statistics are public",
    "statistics:country": "verified statistics are public",
    "/api/v1/indicators/{code}/": "verified statistics are public",
    "sdmx:data": "verified statistics are public (SDMX)",
    "sdmx:structure": "SDMX structures are public",
    **{
        name: "a data round is the network's; each focal point submits its own country's figures"
        for name in (
            "statistics:round",
            "statistics:round-status",
            "statistics:round-reminders",
            "statistics:submission-create",
            "/api/v1/data-rounds/{code}/",
            "/api/v1/data-rounds/{code}/transition/",
        )
    },
    **{
        name: "a meeting is the network's: seen by its audience (public, members, Bureau, task "
        "force), changed by the Secretariat (403 by role); its documents and minutes likewise"
        for name in (
            "events:meeting",
            "events:minutes",
            "events:meeting-ics",
            "events:register",
            "events:document-file",
            "/api/v1/meetings/{code}/",
            "/api/v1/meetings/{code}/agenda/",
            "/api/v1/meetings/{code}/agenda/status/",
            "/api/v1/meetings/{code}/attendance/",
            "/api/v1/meetings/{code}/documents/",
            "/api/v1/meetings/{code}/invitations/",
            "/api/v1/meetings/{code}/minutes/",
            "/api/v1/meetings/{code}/minutes/comments/",
            "/api/v1/meetings/{code}/status/",
            "/api/v1/documents/{id}/files/",
            "/api/v1/decisions/{reference}/actions/",
        )
    },
    "/api/v1/meetings/{code}/participants/": "lists and nominates the caller's own delegates only",
    "events:month": "the calendar of the network's meetings, by audience",
    "events:body-feed": "a body's public calendar",
    "events:private-feed": "the token is its owner's key to their calendar; no session is involved",
    "news:article": "news is the Secretariat's, public once published",
    "/api/v1/news/{slug}/": "news is the Secretariat's, public once published (403 by role)",
    "/api/v1/news/{slug}/publish/": "publishing news is the Secretariat's (403 by role)",
    **{
        name: "the plan is the network's: public once adopted, drafts for its drafters"
        for name in (
            "plans:detail",
            "plans:progress",
            "plans:dashboard",
            "plans:timeline",
            "plans:diff",
            "plans:my-commitments",
            "plans:commitments",
            "plans:rounds",
            "plans:round",
            "plans:report-pdf",
            "plans:report-xlsx",
            "plans:export",
            "/api/v1/plans/{code}/",
            "/api/v1/plans/{code}/rounds/",
            "/api/v1/plans/{code}/versions/",
            "/api/v1/plans/{code}/versions/{number}/diff/{other}/",
        )
    },
}


def _page_routes() -> dict[str, str]:
    """``{namespaced name: route}`` of every page route with parameters (the API, the admin
    and Django's own views aside)."""

    def walk(patterns, prefix="", namespace=None):
        for p in patterns:
            if isinstance(p, URLResolver):
                # The language prefix (/ar/, /fr/) depends on the active language: leave it out.
                part = "" if isinstance(p.pattern, LocalePrefixPattern) else str(p.pattern)
                yield from walk(p.url_patterns, prefix + part, p.namespace or namespace)
            elif isinstance(p, URLPattern) and p.name:
                yield prefix + str(p.pattern), f"{namespace}:{p.name}" if namespace else p.name

    skip = ("api/", "admin/", "i18n/", "jsi18n/", "healthz")
    return {
        name: route
        for route, name in walk(get_resolver().url_patterns)
        if "<" in route and not route.lstrip("^").startswith(skip)
    }


def _api_paths() -> dict[str, list[str]]:
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    verbs = ("get", "post", "put", "patch", "delete")
    return {
        path: [m for m in operations if m in verbs]
        for path, operations in schema["paths"].items()
        if "{" in path
    }


def test_every_url_is_covered():
    pages, paths = set(_page_routes()), set(_api_paths())
    with translation.override("ar"):
        assert set(_page_routes()) == pages  # whatever language a previous test left active
    assert pages - set(PAGES) - set(NOT_MEMBER_DATA) == set(), "pages nobody checked"
    assert paths - set(API) - set(NOT_MEMBER_DATA) == set(), "API paths nobody checked"
    stale = (set(PAGES) | set(API) | set(NOT_MEMBER_DATA)) - pages - paths
    assert stale == set(), "listed here but no longer in the URL conf"


# --- B's world -------------------------------------------------------------------------------


def _pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4 evidence", "application/pdf")


@pytest.fixture
def world(secretariat_user, focal_point_of, time_machine):
    from smenet.capacity import services as capacity
    from smenet.capacity.models import MatchingRun, Proposal
    from smenet.capacity.tests.factories import ActivityTypeFactory, SubjectFactory
    from smenet.knowledge import services as knowledge
    from smenet.knowledge.choices import PracticeStatus
    from smenet.plans import services as plans
    from smenet.plans.tests.factories import adopt, plan_with_items, task_force_user
    from smenet.registry.tests.factories import CountryFactory, InstitutionFactory

    sec = secretariat_user
    a, b, c = (
        InstitutionFactory(acronym=name, country=CountryFactory(iso3=f"X{name[:2]}"))
        for name in ("AAA", "BBB", "CCC")
    )
    fa, fb = focal_point_of(a), focal_point_of(b)
    w = W(a=a, b=b, c=c, fa=fa, fb=fb)

    # Capacity building: B's answers, a proposed activity between B and C, a delivered one
    # where B's participant attended, a matching proposal with B as provider.
    finance = SubjectFactory(code="access-to-finance")
    kind = ActivityTypeFactory()
    w.cycle = capacity.cycle_create(
        actor=sec,
        code="2026",
        titles={"en": "Cycle 2026"},
        opens_on=datetime.date(2026, 1, 1),
        closes_on=datetime.date(2099, 12, 31),
        institutions=[a, b, c],
    )

    def activity(providers, beneficiaries):
        return capacity.activity_create(
            actor=sec,
            type=kind,
            subject=finance,
            titles={"en": "Credit guarantees"},
            providers=providers,
            beneficiaries=beneficiaries,
            participants_per_beneficiary=2,
            cycle=w.cycle,
        )

    w.activity = activity([b], [c])
    w.delivered = activity([c], [b])
    for status in ("agreed", "scheduled", "nominations_open"):
        extra = (
            {
                "starts_at": datetime.datetime(2026, 12, 10, 9, tzinfo=datetime.UTC),
                "ends_at": datetime.datetime(2026, 12, 11, 17, tzinfo=datetime.UTC),
            }
            if status == "scheduled"
            else {}
        )
        capacity.activity_transition(actor=sec, activity=w.delivered, to=status, **extra)
    w.nomination = capacity.nomination_create(
        actor=fb,
        activity=w.delivered,
        institution=b,
        full_name="Leyla Aliyeva",
        gender="female",
        email="leyla@example.org",
    )
    # Attendance counts from the activity's first day, delivery from its last day.
    time_machine.move_to("2026-12-12 09:00:00+00:00", tick=False)
    capacity.attendance_record(actor=sec, activity=w.delivered, attended={w.nomination.pk: True})
    capacity.activity_transition(actor=sec, activity=w.delivered, to="delivered")
    run = MatchingRun.objects.create(cycle=w.cycle, input={}, output={})
    w.proposal = Proposal.objects.create(
        run=run, provider=b, beneficiary=c, subject=finance, score=3
    )

    # A long job B's focal point started (its progress page and result file are its own).
    from smenet.jobs.models import Job

    w.job = Job.objects.create(kind="plan-import", owner=fb, title="Import")

    # Statistics: a figure B's focal point submitted for B's country, awaiting verification.
    from smenet.statistics.models import Submission
    from smenet.statistics.tests.factories import share_indicator

    w.submission = Submission.objects.create(
        indicator=share_indicator(),
        country=b.country,
        period="2020",
        year=2020,
        value=45.0,
        submitted_by=fb,
    )

    # Knowledge hub: B's draft with an attachment, B's submission, B's interest in C's practice.
    def practice(institution, author, **extra):
        return knowledge.best_practice_create(
            actor=author,
            country=institution.country,
            institution=institution,
            texts={"title": {"en": f"Practice of {institution.acronym}"}},
            **extra,
        )

    w.practice = practice(b, fb)
    w.attachment = knowledge.best_practice_attach(
        actor=fb, practice=w.practice, file=_pdf("scheme.pdf")
    )
    w.submitted = knowledge.best_practice_submit(actor=fb, practice=practice(b, fb))
    published = practice(c, sec, status=PracticeStatus.PUBLISHED)
    w.interest = knowledge.replication_interest_create(actor=fb, practice=published, institution=b)

    # The action plan: version 1 adopted, B reports on its item with evidence; version 2 is
    # a draft with B's item and a task-force comment.
    w.plan, version, actions = plan_with_items(leads=[a, b])
    adopt(version, sec)
    w.item = next(i for i in actions if i.lead_id == b.pk)
    w.round = plans.round_open(
        actor=sec,
        version=version,
        label="R1",
        opens_on=datetime.date(2026, 1, 1),
        deadline=datetime.date(2099, 1, 1),
    )
    w.report = plans.report_save(
        actor=fb, round=w.round, item=w.item, progress_status="on_track", percent=10
    )
    w.evidence = plans.evidence_add(
        actor=fb, report=w.report, title="Minutes", upload=_pdf("m.pdf")
    )
    w.draft = plans.version_create(actor=None, plan=w.plan)
    w.draft_item = w.draft.items.get(key=w.item.key)
    w.comment = plans.comment_add(actor=task_force_user(), item=w.draft_item, body="Dates?")

    # Services directory: B's published service and B's draft; the roster: B's expert, not
    # listed (no consent yet), with a CV.
    from smenet.experts.tests.factories import make_expert
    from smenet.services_directory.choices import ReviewStatus
    from smenet.services_directory.tests.factories import ServiceFactory

    w.service = ServiceFactory(institution=b)
    w.service_draft = ServiceFactory(institution=b, review_status=ReviewStatus.DRAFT)
    w.expert = make_expert(institution=b, full_name="Expert of B", listing=None, cv=_pdf("cv.pdf"))

    # Meetings: a Bureau meeting only B is invited to, B's approved delegate, a decision taken
    # there with a follow-up action B owns.
    from smenet.events import services as events
    from smenet.events.tests.factories import make_meeting

    w.meeting = make_meeting()
    events.invitation_send(actor=sec, meeting=w.meeting, institutions=[b])
    w.delegate = events.nomination_create(
        actor=fb,
        meeting=w.meeting,
        institution=b,
        full_name="Aysel Mammadova",
        email="aysel@example.org",
    )
    events.participant_decide(actor=sec, participant=w.delegate, approve=True)
    decision = events.decision_record_at_meeting(
        actor=sec,
        meeting=w.meeting,
        reference="BUR-2026-1",
        body=w.meeting.body,
        date=w.meeting.local_start.date(),
        kind="resolution",
        voting="consensus",
        titles={"en": "Calendar of the Bureau"},
    )
    w.action = events.follow_up_create(
        actor=sec, decision=decision, owner=b, due_on=decision.date, titles={"en": "Report"}
    )
    return w


def _snapshot() -> dict[str, list[dict[str, Any]]]:
    """Every row of every model: what 'nothing changes' compares."""
    skip = {"sessions.session"}
    return {
        model._meta.label_lower: list(model._base_manager.order_by("pk").values())
        for model in apps.get_models()
        if model._meta.label_lower not in skip
    }


def _refused(response) -> str | None:
    return None if response.status_code == 404 else f"{response.status_code}"


def test_focal_point_of_a_gets_404_on_bs_objects(world):
    routes = _page_routes()
    browser = Client()
    browser.force_login(world.fa)
    api = APIClient()
    api.force_authenticate(world.fa)
    before = _snapshot()
    wrong: list[str] = []
    tried = 0
    for name, target in PAGES.items():
        url = reverse(name, kwargs=target.kwargs(world))
        for method in target.methods:
            if method == "get" and target.public_read:
                continue
            tried += 1
            status = _refused(getattr(browser, method)(url))
            if status:
                wrong.append(f"{method.upper()} {url} ({routes[name]}): {status}")
    for path, methods in _api_paths().items():
        target = API.get(path)
        if target is None:
            continue
        url = path.format(**target.kwargs(world))
        for method in methods:
            if method == "get" and target.public_read:
                continue
            tried += 1
            status = _refused(getattr(api, method)(url, {}, format="json"))
            if status:
                wrong.append(f"{method.upper()} {url}: {status}")
    assert wrong == [], "\n".join(wrong)
    assert tried >= 66  # every listed URL and method was tried
    after = _snapshot()
    changed = [label for label in before if before[label] != after[label]]
    assert changed == [], f"refused requests changed {changed}"


def test_the_owner_reaches_the_same_urls(world):
    """The same URLs are not 404 for B's own focal point, so the test above cannot pass
    because the URLs are wrong."""
    browser = Client()
    browser.force_login(world.fb)
    missing = []
    for name, target in PAGES.items():
        if "get" not in target.methods:
            continue
        url = reverse(name, kwargs=target.kwargs(world))
        response = browser.get(url)
        if response.status_code == 404:
            missing.append(url)
    # The draft version is the task force's: B's focal point does not see it either; the job
    # has no result file yet.
    expected = {
        reverse(n, kwargs=PAGES[n].kwargs(world))
        for n in ("plans:item-create", "plans:import", "plans:item", "jobs:result")
    }
    assert set(missing) == expected
