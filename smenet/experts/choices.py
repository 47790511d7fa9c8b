from django.db import models
from django.utils.translation import gettext_lazy as _


class Listing(models.TextChoices):
    """Who may see an expert's listing (the expert's consent decides)."""

    NONE = "none", _("Not listed")
    MEMBERS = "members", _("Network members")
    PUBLIC = "public", _("Everyone")


class Vetting(models.TextChoices):
    PENDING = "pending", _("Waiting for vetting")
    VETTED = "vetted", _("Vetted by the Secretariat")
    REJECTED = "rejected", _("Not retained")


class Availability(models.TextChoices):
    AVAILABLE = "available", _("Available")
    LIMITED = "limited", _("Limited availability")
    UNAVAILABLE = "unavailable", _("Not available")


class ExpertRole(models.TextChoices):
    LEAD = "lead", _("Lead trainer")
    TRAINER = "trainer", _("Trainer")
    SPEAKER = "speaker", _("Speaker")
    MENTOR = "mentor", _("Mentor")
