import enum

from django.db import models
from django.utils.translation import gettext_lazy as _


class PracticeStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    RETURNED = "returned", _("Returned with comments")
    PUBLISHED = "published", _("Published")


class AttachmentKind(models.TextChoices):
    DOCUMENT = "document", _("Document")
    PRESENTATION = "presentation", _("Presentation")
    SPREADSHEET = "spreadsheet", _("Spreadsheet")
    IMAGE = "image", _("Image")


class PublicationKind(models.TextChoices):
    REPORT = "report", _("Report")
    DECLARATION = "declaration", _("Declaration")
    RULES = "rules", _("Rules of procedure")
    GUIDE = "guide", _("Guide")
    NEWS = "news", _("News item")
    OTHER = "other", _("Other document")


class Confidentiality(models.TextChoices):
    PUBLIC = "public", _("Public")
    MEMBERS = "members", _("Members only")


class SizeClass(models.TextChoices):
    MICRO = "micro", _("Micro")
    SMALL = "small", _("Small")
    MEDIUM = "medium", _("Medium")
    SME = "sme", _("SME (all classes)")


class InterestStatus(models.TextChoices):
    NEW = "new", _("New")
    IN_CONTACT = "in-contact", _("In contact")
    CLOSED = "closed", _("Closed")


class PracticeEvent(enum.StrEnum):
    """What happened to a best practice that someone should hear about by e-mail."""

    SUBMITTED = "submitted"
    RETURNED = "returned"
    PUBLISHED = "published"
    INTEREST = "interest"
