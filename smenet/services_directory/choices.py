import enum

from django.db import models
from django.utils.translation import gettext_lazy as _


class SizeClass(models.TextChoices):
    """Size classes of enterprises, each *as defined in the service's country* (the national
    SME definitions of the knowledge hub say where micro ends and small begins)."""

    MICRO = "micro", _("Micro")
    SMALL = "small", _("Small")
    MEDIUM = "medium", _("Medium")


class Stage(models.TextChoices):
    IDEA = "idea", _("Idea")
    STARTUP = "startup", _("Start-up")
    GROWTH = "growth", _("Growth")
    EXPORT = "export", _("Export")


class CostKind(models.TextChoices):
    FREE = "free", _("Free")
    SUBSIDISED = "subsidised", _("Subsidised")
    FEE = "fee", _("Fee")


class CrossBorder(models.TextChoices):
    """Whether SMEs of other member states may use the service."""

    YES = "yes", _("Yes")
    NO = "no", _("No")
    CONDITIONS = "conditions", _("Under conditions")


class ServiceStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    ARCHIVED = "archived", _("Archived")


class ReviewStatus(models.TextChoices):
    """Moderation by the Secretariat: a new service is published by the Secretariat; later
    changes by the institution stay published and wait in the queue as "changed" (decision)."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    RETURNED = "returned", _("Returned with comments")
    PUBLISHED = "published", _("Published")


class Channel(models.TextChoices):
    ONLINE = "online", _("Online")
    IN_PERSON = "in_person", _("In person")


class FacetKind(models.TextChoices):
    SIZE = "size", _("size class")
    SECTOR = "sector", _("sector")
    STAGE = "stage", _("stage")
    LANGUAGE = "language", _("language")


#: Stored as the only facet value of a list left empty: "every size / sector / stage".
ANY = "*"


class ServiceEvent(enum.StrEnum):
    """What happened to a service that someone should hear about by e-mail."""

    SUBMITTED = "submitted"
    RETURNED = "returned"
    PUBLISHED = "published"
    UNCONFIRMED = "unconfirmed"
