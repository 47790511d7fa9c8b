"""No deletion takes someone's submitted work with it (issue 10 §1, decision 0014).

Every ``on_delete=CASCADE`` in our models is listed here with the reason it is safe: the child is
a part of its parent (deleted together by design), or a log the system writes. A new CASCADE
fails this test until it is listed — decide first whether deleting the parent may take the child
(reports, answers, comments, evidence, nominations, evaluations, attachments and history may
not: use PROTECT, SET_NULL, or a guard in the service that deletes).
"""

from __future__ import annotations

from django.apps import apps
from django.db import models

PART_OF_PARENT = "a part of its parent, deleted with it"
SYSTEM_LOG = "written by the system, not by a person"
SAFE_CASCADES: dict[str, str] = {
    "registry.CountryStatusChange.country": "reference data of a member state",
    "registry.InstitutionStatusChange.institution": PART_OF_PARENT,
    "registry.RoleAssignment.user": "a role ends with the account",
    "registry.RoleAssignment.institution": "a role ends with the institution",
    "governance.Position.body": PART_OF_PARENT,
    "capacity.Answer.response": "a part of the response, itself protected",
    "capacity.ReminderLog.cycle": SYSTEM_LOG,
    "capacity.ReminderLog.institution": SYSTEM_LOG,
    "capacity.Proposal.run": "the output of a matching run",
    "plans.PlanVersion.plan": PART_OF_PARENT,
    "plans.PlanItem.plan_version": "items of a version with reports are protected by them",
    "plans.PlanItem.parent": "item_delete refuses a subtree holding reports or comments",
    "plans.ItemRevision.item": "only items nobody worked on are deleted (decision 0014)",
    "plans.Indicator.item": PART_OF_PARENT,
    "plans.ItemComment.parent": "replies of a thread, itself protected by its item",
    "plans.IndicatorActual.report": "a part of the report, itself protected",
    "plans.Evidence.report": "a part of the report, itself protected",
    "plans.ReminderLog.round": SYSTEM_LOG,
    "plans.ReminderLog.recipient": SYSTEM_LOG,
    "statistics.RoundReminder.round": SYSTEM_LOG,
    "statistics.RoundReminder.country": SYSTEM_LOG,
    "knowledge.BestPracticeSubject.best_practice": PART_OF_PARENT,
    "knowledge.BestPracticeLink.best_practice": PART_OF_PARENT,
    "knowledge.BestPracticeAttachment.best_practice": PART_OF_PARENT,
    "knowledge.PublicationFile.publication": PART_OF_PARENT,
    "knowledge.SmeDefinition.country": "reference data of a member state",
    "services_directory.ServiceFacet.service": "a filter index the services rewrite from the service",
    "experts.ExpertSubject.expert": PART_OF_PARENT,
    "experts.ExpertLanguage.expert": PART_OF_PARENT,
    "events.AgendaItem.meeting": "items under which decisions were taken are protected by them",
    "events.AgendaVersion.meeting": "snapshots of the agenda, a part of the meeting",
    "events.ReminderLog.meeting": SYSTEM_LOG,
    "events.CalendarToken.user": "a calendar address ends with the account",
}

# Submitted work whose parents must never take it with them.
PROTECTED = [
    "plans.ProgressReport.item",
    "plans.ProgressReport.round",
    "plans.ItemComment.item",
    "plans.IndicatorActual.indicator",
    "capacity.Response.cycle",
    "capacity.Response.institution",
    "capacity.Nomination.activity",
    "capacity.Nomination.institution",
    "capacity.Evaluation.nomination",
    "capacity.ActivityReport.activity",
    "capacity.ActivityConfirmation.activity",
    "capacity.ActivityTransition.activity",
    "capacity.MatchingRun.cycle",
    "capacity.Proposal.provider",
    "capacity.Proposal.beneficiary",
    "knowledge.ReplicationInterest.best_practice",
    "knowledge.ReplicationInterest.institution",
    "services_directory.Service.institution",
    "experts.ActivityExpert.activity",
    "experts.ActivityExpert.expert",
    "events.Participant.meeting",
    "events.MinutesComment.minutes",
    "events.MeetingDecision.agenda_item",
    "events.DocumentFile.document",
]


def _cascades() -> dict[str, models.Field]:
    found = {}
    for model in apps.get_models():
        if not model.__module__.startswith("smenet."):
            continue
        for field in model._meta.get_fields():
            if not isinstance(field, models.ForeignKey) or field.auto_created:
                continue
            if field.remote_field.on_delete is not models.CASCADE:
                continue
            if field.name == "master" and model.__name__.endswith("Translation"):
                continue  # a parler translation row is a part of its object
            found[f"{model._meta.label}.{field.name}"] = field
    return found


def test_every_cascade_is_listed_with_its_reason():
    unlisted = sorted(set(_cascades()) - set(SAFE_CASCADES))
    assert not unlisted, (
        "New on_delete=CASCADE: decide whether deleting the parent may take this data with it, "
        f"then use PROTECT/SET_NULL or list it in SAFE_CASCADES with the reason: {unlisted}"
    )
    stale = sorted(set(SAFE_CASCADES) - set(_cascades()))
    assert not stale, f"No longer CASCADE, remove from SAFE_CASCADES: {stale}"


def test_submitted_work_is_protected():
    wrong = []
    for path in PROTECTED:
        app_model, name = path.rsplit(".", 1)
        field = apps.get_model(app_model)._meta.get_field(name)
        if field.remote_field.on_delete is not models.PROTECT:
            wrong.append(path)
    assert not wrong
