from django.db import models
from django.utils.translation import gettext_lazy as _


class MeetingKind(models.TextChoices):
    STATUTORY = "statutory", _("Meeting of a body")
    WORKSHOP = "workshop", _("Workshop")
    WEBINAR = "webinar", _("Webinar")
    TRAINING = "training", _("Training session")
    CONFERENCE = "conference", _("Conference")


class MeetingMode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid")


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    CONFIRMED = "confirmed", _("Confirmed")
    HELD = "held", _("Held")
    POSTPONED = "postponed", _("Postponed")
    CANCELLED = "cancelled", _("Cancelled")


class Audience(models.TextChoices):
    """Who may see a meeting, a document or a register entry (decision 0027)."""

    PUBLIC = "public", _("Public")
    MEMBERS = "members", _("Members of the network")
    BUREAU = "bureau", _("Bureau")
    TASK_FORCE = "task_force", _("Task force")


class AgendaStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    CIRCULATED = "circulated", _("Circulated")
    FINAL = "final", _("Final")


class InvitationStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class ParticipantStatus(models.TextChoices):
    NOMINATED = "nominated", _("Nominated")
    REGISTERED = "registered", _("Registered")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Not approved")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class DocumentKind(models.TextChoices):
    AGENDA = "agenda", _("Agenda")
    WORKING_PAPER = "working_paper", _("Working paper")
    REPORT = "report", _("Report")
    MINUTES = "minutes", _("Minutes")
    PRESENTATION = "presentation", _("Presentation")
    INFORMATION = "information", _("Information note")


#: The part of a document symbol that names its kind: SMENET/GA/2025/1/DOC.3, …/MIN.1
SYMBOL_KINDS: dict[str, str] = {
    DocumentKind.AGENDA: "AGENDA",
    DocumentKind.WORKING_PAPER: "DOC",
    DocumentKind.REPORT: "REP",
    DocumentKind.MINUTES: "MIN",
    DocumentKind.PRESENTATION: "PRES",
    DocumentKind.INFORMATION: "INF",
}


class MinutesStatus(models.TextChoices):
    NONE = "none", _("Not drafted")
    DRAFT = "draft", _("Draft")
    CIRCULATED = "circulated", _("Circulated for comments")
    ADOPTED = "adopted", _("Adopted")
    PUBLISHED = "published", _("Published")


class AdoptionMethod(models.TextChoices):
    AT_MEETING = "at_meeting", _("Adopted at a meeting")
    SILENCE = "silence", _("Adopted by silence procedure")


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


#: Follow-up states that are still owed.
OPEN_ACTION_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)
