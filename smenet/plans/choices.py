from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class PlanStatus(models.TextChoices):
    DRAFTING = "drafting", _("Being drafted")
    ADOPTED = "adopted", _("Adopted")
    CLOSED = "closed", _("Closed")


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted to the Bureau")
    UNDER_REVIEW = "under_review", _("Under Bureau review")
    ADOPTED = "adopted", _("Adopted")
    SUPERSEDED = "superseded", _("Superseded")


class ProgressStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    DELAYED = "delayed", pgettext_lazy("reported progress status", "Delayed")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


class ItemState(models.TextChoices):
    """The one state the plan's pages show for an item (decision 0022).

    Two concepts meet here and are named apart in every language: the **reported status**
    (`ProgressStatus`, what the lead institution said in its last validated report — "Delayed"
    among them) and the **computed lateness** ("Overdue": the item's end date has passed and it
    is neither completed nor cancelled, whatever was reported). An overdue item shows as
    overdue; otherwise the reported status stands. So a row never reads "On track" and "late"
    at once, and "Delayed" and "Overdue" never share a word."""

    NOT_STARTED = ProgressStatus.NOT_STARTED.value, ProgressStatus.NOT_STARTED.label
    ON_TRACK = ProgressStatus.ON_TRACK.value, ProgressStatus.ON_TRACK.label
    AT_RISK = ProgressStatus.AT_RISK.value, ProgressStatus.AT_RISK.label
    DELAYED = ProgressStatus.DELAYED.value, ProgressStatus.DELAYED.label
    OVERDUE = "overdue", _("Overdue")
    COMPLETED = ProgressStatus.COMPLETED.value, ProgressStatus.COMPLETED.label
    CANCELLED = ProgressStatus.CANCELLED.value, ProgressStatus.CANCELLED.label


# Decidim's idea: a status implies a progress when no percentage was reported.
DEFAULT_PERCENT: dict[str, int] = {
    ProgressStatus.NOT_STARTED: 0,
    ProgressStatus.COMPLETED: 100,
}


class RoundStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    VALIDATED = "validated", _("Validated")
    RETURNED = "returned", _("Returned for changes")


class EvidenceKind(models.TextChoices):
    FILE = "file", _("File")
    LINK = "link", _("Link")
