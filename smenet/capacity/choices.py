from django.db import models
from django.utils.translation import gettext_lazy as _


class Format(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid")


class CycleStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class ResponseStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    SUBMITTED = "submitted", _("Submitted")
    SIGNED_OFF = "signed_off", _("Signed off")


class ProposalStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class ActivityStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    AGREED = "agreed", _("Agreed")
    SCHEDULED = "scheduled", _("Scheduled")
    NOMINATIONS_OPEN = "nominations_open", _("Nominations open")
    DELIVERED = "delivered", _("Delivered")
    REPORTED = "reported", _("Reported")
    CLOSED = "closed", _("Closed")
    POSTPONED = "postponed", _("Postponed")
    CANCELLED = "cancelled", _("Cancelled")


class FundingSource(models.TextChoices):
    SESRIC = "sesric", _("SESRIC")
    HOST = "host", _("Host institution")
    COMCEC = "comcec", _("COMCEC project funding")
    ISDB = "isdb", _("IsDB")
    OTHER = "other", _("Other")


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    UNDISCLOSED = "undisclosed", _("Prefers not to say")


class NominationStatus(models.TextChoices):
    NOMINATED = "nominated", _("Nominated")
    CONFIRMED = "confirmed", _("Confirmed")
    DECLINED = "declined", _("Declined")


# The lifecycle: which status may follow which. Postponed activities resume where they were
# scheduled; cancelled and closed are final.
TRANSITIONS: dict[str, set[str]] = {
    ActivityStatus.PROPOSED: {ActivityStatus.AGREED, ActivityStatus.CANCELLED},
    ActivityStatus.AGREED: {
        ActivityStatus.SCHEDULED,
        ActivityStatus.CANCELLED,
        ActivityStatus.POSTPONED,
    },
    ActivityStatus.SCHEDULED: {
        ActivityStatus.NOMINATIONS_OPEN,
        ActivityStatus.CANCELLED,
        ActivityStatus.POSTPONED,
    },
    ActivityStatus.NOMINATIONS_OPEN: {
        ActivityStatus.DELIVERED,
        ActivityStatus.CANCELLED,
        ActivityStatus.POSTPONED,
    },
    ActivityStatus.POSTPONED: {ActivityStatus.SCHEDULED, ActivityStatus.CANCELLED},
    ActivityStatus.DELIVERED: {ActivityStatus.REPORTED},
    ActivityStatus.REPORTED: {ActivityStatus.CLOSED},
    ActivityStatus.CLOSED: set(),
    ActivityStatus.CANCELLED: set(),
}
NEEDS_REASON = {ActivityStatus.CANCELLED, ActivityStatus.POSTPONED}
