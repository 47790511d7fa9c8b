"""Who may do what: parametrised over actors and over every selector/service concerned."""

import datetime

import pytest

from smenet.common.errors import NotFound, PermissionDenied
from smenet.common.permissions import Action
from smenet.plans import selectors, services

from .factories import task_force_user

pytestmark = pytest.mark.django_db
D = datetime.date


def _round(version):
    return services.round_open(
        actor=None, version=version, label="R", opens_on=D(2026, 1, 1), deadline=D(2099, 1, 1)
    )


@pytest.mark.parametrize(
    "service",
    [
        lambda actor, w: services.report_save(
            actor=actor, round=w["round"], item=w["b_item"], progress_status="on_track", percent=10
        ),
        lambda actor, w: services.report_submit(actor=actor, report=w["b_report"]),
        lambda actor, w: services.evidence_add(
            actor=actor, report=w["b_report"], title="x", url="https://x.org"
        ),
    ],
)
def test_focal_point_of_a_cannot_report_on_bs_item(adopted, focal_point_of, service):
    rnd = _round(adopted["version"])
    b_item = next(i for i in adopted["actions"] if i.lead == adopted["b"])
    b_report = services.report_save(
        actor=None, round=rnd, item=b_item, progress_status="not_started"
    )
    world = {"round": rnd, "b_item": b_item, "b_report": b_report}
    with pytest.raises(PermissionDenied) as exc:
        service(focal_point_of(adopted["a"]), world)
    assert exc.value.code == "not_your_item"
    b_report.refresh_from_db()
    assert b_report.version == 1 and b_report.status == "draft"


def test_focal_point_of_a_cannot_see_bs_reports(adopted, focal_point_of):
    rnd = _round(adopted["version"])
    for item in adopted["actions"]:
        services.report_save(actor=None, round=rnd, item=item, progress_status="not_started")
    focal_a = focal_point_of(adopted["a"])
    reports = list(selectors.report_list(user=focal_a, round=rnd))
    assert reports and all(r.item.lead == adopted["a"] for r in reports)
    b_report = rnd.reports.filter(item__lead=adopted["b"]).first()
    with pytest.raises((NotFound, PermissionDenied)):
        selectors.report_get_for_user(user=focal_a, pk=b_report.pk)


@pytest.fixture(params=["focal_point", "bureau", "anonymous", "plain_user"])
def non_task_force(request, draft, focal_point_of, bureau_user):
    from django.contrib.auth.models import AnonymousUser

    from smenet.registry.tests.factories import UserFactory

    return {
        "focal_point": lambda: focal_point_of(draft["a"]),
        "bureau": lambda: bureau_user,
        "anonymous": AnonymousUser,
        "plain_user": UserFactory,
    }[request.param]()


@pytest.mark.parametrize(
    "write",
    [
        lambda actor, d: services.item_update(
            actor=actor, item=d["actions"][0], expected_version=1, titles={"en": "x"}
        ),
        lambda actor, d: services.item_create(
            actor=actor, version=d["version"], titles={"en": "x"}
        ),
        lambda actor, d: services.item_delete(
            actor=actor, item=d["actions"][0], expected_version=1
        ),
        lambda actor, d: services.version_submit(actor=actor, version=d["version"]),
    ],
)
def test_non_task_force_cannot_edit_draft(draft, non_task_force, write):
    with pytest.raises(PermissionDenied):
        write(non_task_force, draft)
    item = draft["actions"][0]
    item.refresh_from_db()
    assert item.version == 1


def test_task_force_and_secretariat_edit_drafts(draft, secretariat_user):
    for actor, title in ((task_force_user(), "by the task force"), (secretariat_user, "by SESRIC")):
        item = draft["actions"][0]
        item.refresh_from_db()
        before = item.version
        services.item_update(
            actor=actor, item=item, expected_version=item.version, titles={"en": title}
        )
        item.refresh_from_db()
        assert item.version == before + 1
        assert item.safe_translation_getter("title", language_code="en") == title


@pytest.mark.parametrize("actor_name", ["task_force", "secretariat", "bureau", "system"])
@pytest.mark.parametrize(
    "write",
    [
        lambda actor, d: services.item_update(
            actor=actor, item=d["actions"][0], expected_version=1, titles={"en": "x"}
        ),
        lambda actor, d: services.item_create(
            actor=actor, version=d["version"], titles={"en": "x"}
        ),
        lambda actor, d: services.item_delete(
            actor=actor, item=d["actions"][0], expected_version=1
        ),
    ],
)
def test_nobody_edits_an_adopted_version(adopted, secretariat_user, bureau_user, actor_name, write):
    actor = {
        "task_force": task_force_user(),
        "secretariat": secretariat_user,
        "bureau": bureau_user,
        "system": None,
    }[actor_name]
    with pytest.raises(PermissionDenied):
        write(actor, adopted)
    assert adopted["version"].items.count() == 8


def test_visibility_of_versions(draft, focal_point_of, bureau_user, secretariat_user):
    from django.contrib.auth.models import AnonymousUser

    plan = draft["plan"]
    focal = focal_point_of(draft["a"])
    for user in (AnonymousUser(), focal):
        with pytest.raises(NotFound):
            selectors.plan_get_for_user(user=user, code=plan.code)
    for user in (bureau_user, secretariat_user, task_force_user()):
        assert selectors.version_get_for_user(user=user, plan=plan).pk == draft["version"].pk
    with pytest.raises(PermissionDenied):
        selectors.version_get_for_user(user=bureau_user, plan=plan, number=1, action=Action.CHANGE)


def test_anonymous_sees_only_the_adopted_version(adopted, task_force):
    from django.contrib.auth.models import AnonymousUser

    new = services.version_create(actor=task_force, plan=adopted["plan"])
    anonymous = AnonymousUser()
    version = selectors.version_get_for_user(user=anonymous, plan=adopted["plan"])
    assert version.number == 1
    with pytest.raises(NotFound):
        selectors.version_get_for_user(user=anonymous, plan=adopted["plan"], number=new.number)
    with pytest.raises(NotFound):
        selectors.item_get_for_user(user=anonymous, pk=new.items.first().pk)
