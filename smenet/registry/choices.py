from django.db import models
from django.utils.translation import gettext_lazy as _


class CountryStatus(models.TextChoices):
    MEMBER = "member", _("Member state")
    SUSPENDED = "suspended", _("Suspended")
    OBSERVER = "observer", _("Observer")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class InstitutionType(models.TextChoices):
    AGENCY = "agency", _("Agency")
    AUTHORITY = "authority", _("Authority")
    MINISTRY = "ministry", _("Ministry")
    FUND = "fund", _("Fund")
    FOUNDATION = "foundation", _("Foundation")
    STATE_COMPANY = "state-company", _("State company")
    INTERNATIONAL = "international", _("International organisation")
    OTHER = "other", _("Other")


class InstitutionCategory(models.TextChoices):
    MEMBER = "member", _("Member institution")
    PARTNER = "partner", _("Partner organisation")
    OBSERVER = "observer", _("Observer")


class MembershipStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    MEMBER = "member", _("Member")
    SUSPENDED = "suspended", _("Suspended")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Role(models.TextChoices):
    SECRETARIAT = "secretariat", _("Secretariat administrator")
    BUREAU = "bureau", _("Bureau member")
    FOCAL_POINT = "focal_point", _("Focal point")
    TASK_FORCE = "task_force", _("Task-force member")
