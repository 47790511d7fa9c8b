from django.db import models
from django.utils.translation import gettext_lazy as _


class BodyKind(models.TextChoices):
    GENERAL_ASSEMBLY = "general_assembly", _("General Assembly")
    BUREAU = "bureau", _("Bureau")
    SECRETARIAT = "secretariat", _("Secretariat")
    TASK_FORCE = "task_force", _("Task force")


class PositionKind(models.TextChoices):
    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice-chair")
    RAPPORTEUR = "rapporteur", _("Rapporteur")
    MEMBER = "member", _("Member")
    SECRETARIAT = "secretariat", _("Secretariat")
    COORDINATOR = "coordinator", _("Coordinator")


class DecisionKind(models.TextChoices):
    ELECTION = "election", _("Election")
    ADOPTION = "adoption", _("Adoption")
    ESTABLISHMENT = "establishment", _("Establishment")
    APPOINTMENT = "appointment", _("Appointment")
    RESOLUTION = "resolution", _("Resolution")


class VotingMethod(models.TextChoices):
    UNANIMOUS = "unanimous", _("Unanimous")
    CONSENSUS = "consensus", _("By consensus")
    VOTE = "vote", _("By vote")
    NOT_RECORDED = "not_recorded", _("Method not recorded")
