from django.db import models
from django.utils.translation import gettext_lazy as _


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
    DELAYED = "delayed", _("Delayed")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


# Decidim's idea: a status implies a progress when no percentage was reported.
DEFAULT_PERCENT = {
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
