"""Code lists of the statistics app. Observation statuses are SDMX's ``OBS_STATUS`` codes."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Unit(models.TextChoices):
    """Units of measure (SDMX-style codes); the plain import also accepts the aliases below."""

    PERCENT = "PC", _("percent")
    ENTERPRISES = "ENT", _("enterprises")
    PERSONS = "PS", _("persons")
    NUMBER = "NUM", _("number")
    USD = "USD", _("US dollars")
    NATIONAL_CURRENCY = "XDC", _("national currency")
    INDEX = "IX", _("index")


#: Spellings accepted for a unit on import (lower case) besides the code itself.
UNIT_ALIASES = {
    "percent": Unit.PERCENT,
    "per cent": Unit.PERCENT,
    "pourcentage": Unit.PERCENT,
    "%": Unit.PERCENT,
    "pct": Unit.PERCENT,
    "enterprises": Unit.ENTERPRISES,
    "enterprise": Unit.ENTERPRISES,
    "firms": Unit.ENTERPRISES,
    "persons": Unit.PERSONS,
    "people": Unit.PERSONS,
    "number": Unit.NUMBER,
    "count": Unit.NUMBER,
    "us dollars": Unit.USD,
    "national currency": Unit.NATIONAL_CURRENCY,
    "index": Unit.INDEX,
}


class Category(models.TextChoices):
    ENTERPRISES = "enterprises", _("Enterprise population")
    EMPLOYMENT = "employment", _("Employment")
    OUTPUT = "output", _("Output and value added")
    FINANCE = "finance", _("Access to finance")
    TRADE = "trade", _("Trade")
    OTHER = "other", _("Other")


class Direction(models.TextChoices):
    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")
    NEUTRAL = "neutral", _("Neither")


class Aggregation(models.TextChoices):
    """How figures of member states combine into a group figure (stated with the figure)."""

    SUM = "sum", _("Sum of the national figures")
    MEAN = "mean", _("Unweighted mean of the national figures")
    MEDIAN = "median", _("Median of the national figures")
    NONE = "none", _("Not aggregated")


class ObsStatus(models.TextChoices):
    NORMAL = "A", _("Normal value")
    ESTIMATE = "E", _("Estimated value")
    PROVISIONAL = "P", _("Provisional value")
    BREAK = "B", _("Break in series")
    MISSING = "M", _("Missing value")


class Qualifier(models.TextChoices):
    """How the source states the figure ("more than 93 %", "about 85 %")."""

    EXACT = "", _("as stated")
    MORE_THAN = "gt", _("more than")
    ABOUT = "about", _("about")


class RoundStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class SubmissionStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Awaiting verification")
    RETURNED = "returned", _("Returned with a comment")
    VERIFIED = "verified", _("Verified")


class ImportState(models.TextChoices):
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    UNDONE = "undone", _("Failed and undone")


class AreaKind(models.TextChoices):
    COUNTRY = "country", _("Member state")
    GROUP = "group", _("Group of member states")
