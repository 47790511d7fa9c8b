"""A plan import keeps every item's identity: what people wrote about an item (progress reports,
evidence, indicator actuals, comments, revisions) survives any import (issue 10 §1)."""

from __future__ import annotations

import datetime

import pytest

from smenet.common.errors import DomainError, ValidationFailed
from smenet.plans import imports, services
from smenet.plans.exports import COLUMNS, plan_csv, plan_xlsx
from smenet.plans.models import (
    Evidence,
    IndicatorActual,
    ItemComment,
    ItemRevision,
    PlanItem,
    ProgressReport,
)

from .factories import task_force_user


@pytest.fixture
def reported(draft, focal_point_of, secretariat_user, bureau_user):
    """The draft of the conftest with a round open on it, a validated report with an actual and
    evidence on an action of AAA, a draft report of BBB, and a comment thread on an objective."""
    version, actions = draft["version"], draft["actions"]
    rnd = services.round_open(
        actor=secretariat_user, version=version, label="R1", deadline=datetime.date(2030, 1, 1)
    )
    fp_a, fp_b = focal_point_of(draft["a"]), focal_point_of(draft["b"])
    indicator = actions[0].indicators.get()
    validated = services.report_save(
        actor=fp_a,
        round=rnd,
        item=actions[0],
        progress_status="on_track",
        percent=40,
        narrative="Forty per cent",
        actuals={indicator.pk: 4},
    )
    services.evidence_add(actor=fp_a, report=validated, title="Minutes", url="https://e.org/m")
    services.report_submit(actor=fp_a, report=validated)
    services.report_validate(actor=secretariat_user, report=validated)
    services.report_save(
        actor=fp_b, round=rnd, item=actions[1], progress_status="at_risk", percent=20
    )
    objective = version.items.get(depth=1, order=1)
    thread = services.comment_add(actor=bureau_user, item=objective, body="Too vague")
    services.comment_add(actor=task_force_user(), item=objective, body="Agreed", parent=thread)
    return draft


def _counts():
    return {
        "reports": ProgressReport.objects.count(),
        "evidence": Evidence.objects.count(),
        "actuals": IndicatorActual.objects.count(),
        "comments": ItemComment.objects.count(),
        "revisions": ItemRevision.objects.count(),
    }


def _state(version):
    return sorted(
        version.items.values_list("pk", "key", "version", "parent_id", "order", "status", "percent")
    )


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_reimporting_an_unchanged_export_loses_nothing(reported, fmt):
    version = reported["version"]
    before, state = _counts(), _state(version)
    content = plan_csv(version) if fmt == "csv" else plan_xlsx(version)
    summary = imports.plan_import(
        actor=task_force_user(), version=version, name=f"plan.{fmt}", content=content
    )
    assert (summary.created, summary.updated, summary.removed) == (0, 0, 0)
    assert summary.unchanged == 8
    assert _counts() == before
    assert _state(version) == state  # same rows, same versions: nothing was rewritten
    report = ProgressReport.objects.get(item=reported["actions"][0])
    assert report.status == "validated" and report.evidence.count() == 1


def test_an_edited_export_updates_items_in_place(reported):
    version = reported["version"]
    action = reported["actions"][0]
    before = _counts()
    rows = plan_csv(version).decode("utf-8-sig").replace("Action 0", "Action zero")
    summary = imports.plan_import(
        actor=task_force_user(), version=version, name="p.csv", content=rows.encode()
    )
    assert (summary.created, summary.updated, summary.removed) == (0, 1, 0)
    action.refresh_from_db()
    assert action.safe_translation_getter("title", language_code="en") == "Action zero"
    assert action.version == 2
    after = _counts()
    assert after["revisions"] == before["revisions"] + 1
    assert {k: v for k, v in after.items() if k != "revisions"} == {
        k: v for k, v in before.items() if k != "revisions"
    }


def test_new_rows_are_created_and_bare_items_missing_from_the_file_are_removed(reported):
    version = reported["version"]
    tf = task_force_user()
    spare = services.item_create(actor=tf, version=version, titles={"en": "Spare objective"})
    lines = plan_csv(version).decode("utf-8-sig").splitlines()
    lines = [line for line in lines if "Spare objective" not in line]
    blank = dict.fromkeys(COLUMNS, "")
    blank.update(number="4", title_en="Brand new")
    lines.append(",".join(blank[c] for c in COLUMNS))
    summary = imports.plan_import(
        actor=tf, version=version, name="p.csv", content="\n".join(lines).encode()
    )
    assert (summary.created, summary.removed) == (1, 1)
    assert not PlanItem.objects.filter(pk=spare.pk).exists()
    assert version.items.filter(translations__title="Brand new").exists()


def test_an_import_never_deletes_an_item_that_carries_work(reported):
    version = reported["version"]
    before, state = _counts(), _state(version)
    # Keep only objective 2's rows: objective 1 (commented) and its reported actions go.
    lines = plan_csv(version).decode("utf-8-sig").splitlines()
    text = "\n".join([lines[0]] + [line for line in lines[1:] if line.startswith("2")])
    with pytest.raises(ValidationFailed) as exc:
        imports.plan_import(
            actor=task_force_user(), version=version, name="p.csv", content=text.encode()
        )
    message = " ".join(" ".join(v) for v in exc.value.errors.values())
    assert "Objective 1" in message and "Action 0" in message and "Action 1" in message
    assert "progress report" in message and "comment" in message
    assert _counts() == before and _state(version) == state


def test_a_stale_row_is_refused_with_who_changed_it(reported):
    version = reported["version"]
    content = plan_csv(version)
    action = reported["actions"][2]
    editor = task_force_user(full_name="Layla Haddad")
    services.item_update(
        actor=editor, item=action, expected_version=action.version, titles={"en": "Renamed"}
    )
    stale = content.decode("utf-8-sig").replace("Action 2,Action 2", "Action 2b,Action 2")
    with pytest.raises(ValidationFailed) as exc:
        imports.plan_import(
            actor=task_force_user(), version=version, name="p.csv", content=stale.encode()
        )
    message = " ".join(" ".join(v) for v in exc.value.errors.values())
    assert "Layla Haddad" in message
    action.refresh_from_db()
    assert action.safe_translation_getter("title", language_code="en") == "Renamed"


def test_an_unknown_key_is_refused(reported):
    version = reported["version"]
    text = plan_csv(version).decode("utf-8-sig")
    key = reported["actions"][0].key
    with pytest.raises(ValidationFailed) as exc:
        imports.plan_import(
            actor=task_force_user(),
            version=version,
            name="p.csv",
            content=text.replace(key, "nosuchkey").encode(),
        )
    assert "nosuchkey" in " ".join(" ".join(v) for v in exc.value.errors.values())


def test_a_file_without_keys_matches_items_by_number(reported):
    version = reported["version"]
    before = _counts()
    lines = plan_csv(version).decode("utf-8-sig").splitlines()
    header = lines[0].split(",")
    drop = [header.index("key"), header.index("version")]
    text = "\n".join(
        ",".join(cell for i, cell in enumerate(line.split(",")) if i not in drop) for line in lines
    )
    summary = imports.plan_import(
        actor=task_force_user(), version=version, name="p.csv", content=text.encode()
    )
    assert summary.unchanged == 8 and _counts() == before


def test_removing_an_indicator_with_reported_actuals_is_refused(reported, task_force):
    action = reported["actions"][0]
    with pytest.raises(DomainError) as exc:
        services.item_update(
            actor=task_force, item=action, expected_version=action.version, indicators=[]
        )
    assert "Indicator 0" in str(exc.value.message)
    assert IndicatorActual.objects.filter(indicator__item=action).count() == 1


def test_deleting_an_item_with_reports_or_comments_is_refused(reported, task_force):
    version = reported["version"]
    objective = version.items.get(depth=1, order=1)
    for item in (objective, reported["actions"][0]):
        with pytest.raises(DomainError):
            services.item_delete(actor=task_force, item=item, expected_version=item.version)
    assert _counts()["reports"] == 2 and PlanItem.objects.filter(pk=objective.pk).exists()


def test_deleting_a_bare_item_still_works(draft, task_force):
    spare = services.item_create(actor=task_force, version=draft["version"], titles={"en": "x"})
    services.item_delete(actor=task_force, item=spare, expected_version=spare.version)
    assert not PlanItem.objects.filter(pk=spare.pk).exists()


def test_deleting_what_reports_hang_on_is_refused_by_the_database(reported):
    """The admin (or any code) deleting a round, an item or a version keeps the reports."""
    from django.db.models import ProtectedError

    version = reported["version"]
    action = reported["actions"][0]
    before = _counts()
    for obj in (action.reports.get().round, action, action.indicators.get(), version):
        with pytest.raises(ProtectedError):
            obj.delete()
    assert _counts() == before
