import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from smenet.common.errors import Conflict, DomainError, PermissionDenied
from smenet.governance.choices import DecisionKind
from smenet.governance.models import Decision
from smenet.plans import selectors, services
from smenet.plans.choices import ProgressStatus, ReportStatus, VersionStatus
from smenet.plans.models import ItemRevision, PlanItem, ProgressReport, ReminderLog
from smenet.plans.tree import build_tree

from .factories import adopt

pytestmark = pytest.mark.django_db
D = datetime.date


def test_item_validation(draft, task_force):
    version = draft["version"]
    with pytest.raises(DomainError) as exc:
        services.item_create(actor=task_force, version=version, titles={"en": " "})
    assert exc.value.field == "titles"
    with pytest.raises(DomainError) as exc:
        services.item_create(
            actor=task_force, version=version, titles={"en": "x"}, subjects=["astrology"]
        )
    assert exc.value.code == "unknown_subject"
    with pytest.raises(DomainError) as exc:
        services.item_create(
            actor=task_force, version=version, titles={"en": "x"}, start=D(2024, 1, 1)
        )
    assert exc.value.field == "start"
    action = draft["actions"][0]
    with pytest.raises(DomainError) as exc:  # depth 4 in a 3-level plan
        services.item_create(actor=task_force, version=version, titles={"en": "x"}, parent=action)
    assert exc.value.code == "too_deep"


def test_concurrent_edit_is_refused_with_what_changed(draft, task_force):
    item = draft["actions"][0]
    assert item.version == 1
    services.item_update(
        actor=task_force,
        item=item,
        expected_version=1,
        titles={"en": "First editor's title"},
        lead=draft["b"],
    )
    with pytest.raises(Conflict) as exc:
        services.item_update(
            actor=task_force, item=item, expected_version=1, titles={"en": "Second editor's title"}
        )
    message = str(exc.value.message)
    assert "First editor's title" in message and "BBB" in message and "Task-force Member" in message
    assert "changed" in exc.value.errors and exc.value.status == 409
    item.refresh_from_db()
    assert (
        item.version == 2
        and item.safe_translation_getter("title", language_code="en") == "First editor's title"
    )
    assert ItemRevision.objects.filter(item=item).count() == 2


def test_move_and_indicator_keys_are_kept(draft, task_force):
    item = draft["actions"][0]
    other_outcome = draft["actions"][2].parent
    key = item.indicators.get().key
    services.item_update(
        actor=task_force,
        item=item,
        expected_version=1,
        parent=other_outcome,
        indicators=[{"key": key, "names": {"en": "Renamed"}, "target": 20}],
    )
    item.refresh_from_db()
    assert item.parent == other_outcome and item.depth == 3
    assert item.indicators.get().key == key


def test_workflow_adoption_links_a_general_assembly_decision(
    draft, task_force, bureau_user, secretariat_user
):
    version = draft["version"]
    services.version_submit(actor=task_force, version=version)
    with pytest.raises(PermissionDenied):
        services.version_review(actor=task_force, version=version)
    services.version_review(actor=bureau_user, version=version)
    with pytest.raises(PermissionDenied):
        services.version_adopt(
            actor=bureau_user,
            version=version,
            reference="X",
            date=D(2026, 1, 1),
            voting="consensus",
        )
    from smenet.governance.choices import BodyKind
    from smenet.governance.tests.factories import BodyFactory

    BodyFactory(code="general-assembly", kind=BodyKind.GENERAL_ASSEMBLY, term_years=None)
    version = services.version_adopt(
        actor=secretariat_user,
        version=version,
        reference="GA-2026-01",
        date=D(2026, 1, 15),
        voting="consensus",
    )
    decision = Decision.objects.get(reference="GA-2026-01")
    assert version.status == VersionStatus.ADOPTED and version.decision == decision
    assert decision.kind == DecisionKind.ADOPTION and decision.body.kind == "general_assembly"
    assert "Test plan" in decision.safe_translation_getter("title", language_code="en")


def test_adopted_version_is_frozen_and_changes_need_a_new_version(
    adopted, task_force, secretariat_user
):
    item = adopted["actions"][0]
    for actor in (task_force, secretariat_user, None):
        with pytest.raises(PermissionDenied) as exc:
            services.item_update(actor=actor, item=item, expected_version=1, titles={"en": "x"})
        assert exc.value.code == "version_frozen"
    new = services.version_create(actor=task_force, plan=adopted["plan"])
    assert new.number == 2 and new.status == VersionStatus.DRAFT
    with pytest.raises(Conflict):
        services.version_create(actor=task_force, plan=adopted["plan"])
    copy = new.items.get(key=item.key)
    services.item_update(actor=task_force, item=copy, expected_version=1, titles={"en": "Changed"})
    services.item_create(actor=task_force, version=new, titles={"en": "Brand new objective"})
    services.item_delete(
        actor=task_force, item=new.items.get(key=adopted["actions"][1].key), expected_version=1
    )
    rows = selectors.version_diff(a=adopted["version"], b=new)
    kinds = {r.kind for r in rows}
    assert {"added", "removed", "changed"} <= kinds
    changed = next(r for r in rows if r.key == item.key)
    assert [c.field for c in changed.changes] == ["title.en"]
    # Adopting version 2 supersedes version 1, through a second decision.
    adopt(new, secretariat_user, reference="GA-TEST-02")
    adopted["version"].refresh_from_db()
    assert adopted["version"].status == VersionStatus.SUPERSEDED


def test_comments_threads_and_resolution(draft, task_force, bureau_user, focal_point_of):
    item = draft["actions"][0]
    first = services.comment_add(actor=bureau_user, item=item, body="Add a baseline.")
    reply = services.comment_add(actor=task_force, item=item, body="Done.", parent=first)
    deeper = services.comment_add(actor=bureau_user, item=item, body="Thanks", parent=reply)
    assert deeper.parent == first
    services.comment_resolve(actor=task_force, comment=first)
    threads = selectors.comment_threads(item=item)
    assert len(threads) == 1 and threads[0].resolved and len(threads[0].replies.all()) == 2
    with pytest.raises(PermissionDenied):
        services.comment_add(actor=focal_point_of(draft["a"]), item=item, body="Me too")


def _round(version, actor=None):
    return services.round_open(
        actor=actor,
        version=version,
        label="2026 H1",
        opens_on=D(2026, 1, 1),
        deadline=D(2099, 6, 30),
    )


def test_reporting_round_end_to_end(adopted, focal_point_of, secretariat_user):
    version = adopted["version"]
    rnd = _round(version, secretariat_user)
    item = adopted["actions"][0]  # led by A
    focal = focal_point_of(adopted["a"])
    indicator = item.indicators.get()
    report = services.report_save(
        actor=focal,
        round=rnd,
        item=item,
        progress_status="on_track",
        percent=40,
        narrative="Going well",
        actuals={indicator.pk: 4},
    )
    services.evidence_add(
        actor=focal,
        report=report,
        title="Minutes",
        upload=SimpleUploadedFile("minutes.pdf", b"%PDF-1.4 test", "application/pdf"),
    )
    services.evidence_add(actor=focal, report=report, title="", url="https://example.org/news")
    report = services.report_submit(actor=focal, report=report)
    with pytest.raises(Conflict):
        services.report_save(
            actor=focal, round=rnd, item=item, progress_status="delayed", percent=10
        )
    services.report_return(
        actor=secretariat_user, report=report, comment="Add the list of participants"
    )
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED
    report = services.report_save(
        actor=focal,
        round=rnd,
        item=item,
        progress_status="on_track",
        percent=50,
        expected_version=report.version,
    )
    report = services.report_submit(actor=focal, report=report)
    item.refresh_from_db()
    before = item.version
    services.report_validate(actor=secretariat_user, report=report)
    item.refresh_from_db()
    indicator.refresh_from_db()
    assert (
        item.status == ProgressStatus.ON_TRACK
        and item.percent == 50
        and indicator.actual == Decimal(4)
    )
    # Progress is not plan content: the version guarding the item's content does not move.
    assert item.version == before
    # Roll-up: the outcome holds this action (50%) and one not started (0%), equal weights.
    tree = selectors.version_tree(version=version)
    outcome = tree.roots[0].children[0]
    assert outcome.percent == 25.0 and tree.roots[0].percent == 25.0


@pytest.mark.parametrize(
    "bad",
    [
        ("virus.exe", b"MZ..."),
        ("fake.pdf", b"not a pdf"),
        ("empty.pdf", b""),
    ],
)
def test_evidence_type_and_size_are_checked(adopted, focal_point_of, bad):
    rnd = _round(adopted["version"])
    focal = focal_point_of(adopted["a"])
    report = services.report_save(
        actor=focal, round=rnd, item=adopted["actions"][0], progress_status="not_started"
    )
    with pytest.raises(DomainError) as exc:
        services.evidence_add(
            actor=focal, report=report, title="x", upload=SimpleUploadedFile(bad[0], bad[1])
        )
    assert exc.value.field == "file"
    assert report.evidence.count() == 0


def test_evidence_too_large(adopted, focal_point_of):
    rnd = _round(adopted["version"])
    focal = focal_point_of(adopted["a"])
    report = services.report_save(
        actor=focal, round=rnd, item=adopted["actions"][0], progress_status="not_started"
    )
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (services.EVIDENCE_MAX_BYTES + 1))
    with pytest.raises(DomainError) as exc:
        services.evidence_add(actor=focal, report=report, title="x", upload=big)
    assert exc.value.code == "file_size"


def test_reminders_go_through_the_task_and_are_logged_once(
    adopted, focal_point_of, secretariat_user, django_capture_on_commit_callbacks
):
    focal_a, focal_b = focal_point_of(adopted["a"]), focal_point_of(adopted["b"])
    focal_b.language = "ar"
    focal_b.save()
    rnd = _round(adopted["version"], secretariat_user)
    # A has reported on all its items: only B is reminded.
    for item in adopted["actions"]:
        if item.lead == adopted["a"]:
            r = services.report_save(
                actor=focal_a, round=rnd, item=item, progress_status="on_track", percent=10
            )
            services.report_submit(actor=focal_a, report=r)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.round_remind(actor=secretariat_user, round=rnd)
    assert [m.to for m in mail.outbox] == [[focal_b.email]]
    assert "BBB" in mail.outbox[0].body
    log = ReminderLog.objects.get()
    assert log.recipient == focal_b and log.pending_items == 2
    with django_capture_on_commit_callbacks(execute=True):
        services.round_remind(actor=secretariat_user, round=rnd)
    assert len(mail.outbox) == 1 and ReminderLog.objects.count() == 1


def test_nothing_is_sent_for_a_rolled_back_round(
    adopted, secretariat_user, focal_point_of, django_capture_on_commit_callbacks
):
    from django.db import transaction

    focal_point_of(adopted["b"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            rnd = _round(adopted["version"], secretariat_user)
            services.round_remind(actor=secretariat_user, round=rnd)
            raise RuntimeError
    assert not callbacks and not mail.outbox


def test_roll_up_weights_cancelled_and_late(draft):
    actions = draft["actions"]
    PlanItem.objects.filter(pk=actions[0].pk).update(status="completed", percent=100, weight=3)
    PlanItem.objects.filter(pk=actions[1].pk).update(status="cancelled", percent=0)
    PlanItem.objects.filter(pk=actions[2].pk).update(
        status="delayed", percent=20, end=D(2026, 3, 1)
    )
    tree = selectors.version_tree(version=draft["version"], today=D(2026, 6, 1))
    first, second = tree.roots
    assert first.percent == 100.0 and first.status == "completed"
    assert second.children[0].percent == 10.0 and second.status == "delayed" and second.late
    assert tree.late_count() == 1
    # Reported "delayed" and past its end: one state, overdue; the counts add up to the items.
    assert second.state == "overdue" and second.children[0].state_label == "Overdue"
    counts = tree.state_counts()
    assert counts["completed"] == 1 and counts["cancelled"] == 1 and counts["overdue"] == 1
    assert counts["delayed"] == 0 and sum(counts.values()) == len(tree.leaves())
    assert build_tree([], today=D(2026, 1, 1)).percent == 0.0


def test_demo_plan(demo_plan):
    from smenet.plans.models import Plan, ReportingRound

    plan = Plan.objects.get()
    adopted, draft = plan.versions.order_by("number")
    assert plan.is_sample and adopted.status == VersionStatus.ADOPTED
    assert draft.status == VersionStatus.DRAFT and draft.items.count() == adopted.items.count() + 1
    rnd = ReportingRound.objects.get()
    assert rnd.status == "closed" and rnd.reports.filter(status="validated").count() == 8
    assert rnd.plan_version == adopted
    leads = set(adopted.items.values_list("lead__acronym", flat=True))
    assert {"KOBİA", "SESRIC", "Monsha'at", "Maroc PME", "KOSGEB"} <= leads
    assert ProgressReport.objects.filter(submitted_by__email="focal.kobia@smenet.example").exists()
