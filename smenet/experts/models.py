"""The expert roster: people who can deliver capacity-building, listed only with their consent.

What is shown of an expert is decided by the expert: consent to be listed (to network members,
the default, or to the public) and, field by field, what the listing may show. Withdrawing
consent removes the listing and erases the personal details, in the past versions too
(``services.expert_withdraw_consent``, decision 0025).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from smenet.common.models import TimeStampedModel, VersionedModel
from smenet.registry.models import Country, Institution

from .choices import Availability, ExpertRole, Listing, Vetting
from .querysets import ExpertQuerySet
from .validators import validate_cv

#: The parts of a listing the expert decides on one by one (name and expertise always show
#: once listed: a listing without them would say nothing).
CONSENT_FIELDS = (
    "institution",
    "languages",
    "countries",
    "summary",
    "contact",
    "cv",
    "availability",
)
#: Erased from the record and from every past version when consent is withdrawn.
PERSONAL_FIELDS = ("email", "phone", "summary", "cv", "availability_note")


class Expert(TimeStampedModel, VersionedModel):
    full_name = models.CharField(_("full name"), max_length=200)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="expert_profile",
        help_text=_("The expert's own account, from which they manage their consent."),
    )
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="experts",
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    summary = models.TextField(_("short profile"), blank=True)
    summary_language = models.CharField(_("language of the profile"), max_length=8, blank=True)
    cv = models.FileField(
        _("CV"), upload_to="experts/cv/%Y/", blank=True, max_length=300, validators=[validate_cv]
    )
    countries = models.ManyToManyField(
        Country, verbose_name=_("countries of experience"), blank=True, related_name="experts"
    )
    availability = models.CharField(
        _("availability"),
        max_length=12,
        choices=Availability.choices,
        default=Availability.AVAILABLE,
    )
    availability_note = models.CharField(_("about availability"), max_length=300, blank=True)
    vetting = models.CharField(
        _("vetting"), max_length=10, choices=Vetting.choices, default=Vetting.PENDING
    )
    vetted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vetted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    vetted_at = models.DateTimeField(_("vetted at"), null=True, blank=True)
    listing = models.CharField(
        _("listed to"), max_length=8, choices=Listing.choices, default=Listing.NONE
    )
    consent_given_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    consent_withdrawn_at = models.DateTimeField(_("consent withdrawn at"), null=True, blank=True)
    show_institution = models.BooleanField(_("show the institution"), default=False)
    show_languages = models.BooleanField(_("show the languages"), default=False)
    show_countries = models.BooleanField(_("show the countries of experience"), default=False)
    show_summary = models.BooleanField(_("show the short profile"), default=False)
    show_contact = models.BooleanField(_("show the e-mail address and telephone"), default=False)
    show_cv = models.BooleanField(_("show the CV"), default=False)
    show_availability = models.BooleanField(_("show the availability"), default=False)
    is_sample = models.BooleanField(
        _("sample data"), default=False, help_text=_("Illustrative demo content, not real data.")
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = ExpertQuerySet.as_manager()

    class Meta:
        verbose_name = _("expert")
        verbose_name_plural = _("experts")
        ordering = ["full_name", "id"]
        indexes = [models.Index(fields=["listing", "vetting"])]

    def __str__(self) -> str:
        return self.full_name

    def get_absolute_url(self) -> str:
        return reverse("experts:detail", kwargs={"pk": self.pk})

    def shows(self, part: str) -> bool:
        return bool(getattr(self, f"show_{part}"))


class ExpertSubject(models.Model):
    """A subject of the taxonomy the expert can teach, with a level (1 basic – 3 advanced)."""

    expert = models.ForeignKey(
        Expert, verbose_name=_("expert"), on_delete=models.CASCADE, related_name="subjects"
    )
    code = models.CharField(_("subject"), max_length=64)
    level = models.PositiveSmallIntegerField(
        _("level (1–3)"), default=2, validators=[MinValueValidator(1), MaxValueValidator(3)]
    )

    class Meta:
        verbose_name = _("expertise")
        verbose_name_plural = _("expertise")
        ordering = ["-level", "code"]
        constraints = [
            models.UniqueConstraint(fields=["expert", "code"], name="expert_subject_once")
        ]
        indexes = [models.Index(fields=["code", "expert"])]

    def __str__(self) -> str:
        return f"{self.code} ({self.level})"


class ExpertLanguage(models.Model):
    expert = models.ForeignKey(
        Expert, verbose_name=_("expert"), on_delete=models.CASCADE, related_name="language_rows"
    )
    code = models.CharField(_("language"), max_length=8)

    class Meta:
        verbose_name = _("language of an expert")
        verbose_name_plural = _("languages of experts")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["expert", "code"], name="expert_language_once")
        ]
        indexes = [models.Index(fields=["code", "expert"])]

    def __str__(self) -> str:
        return self.code


class ActivityExpert(models.Model):
    """An expert named for a capacity-building activity (the activity keeps the link: an
    expert who delivered something stays on record, PROTECT both ways)."""

    activity = models.ForeignKey(
        "capacity.Activity",
        verbose_name=_("activity"),
        on_delete=models.PROTECT,
        related_name="expert_links",
    )
    expert = models.ForeignKey(
        Expert, verbose_name=_("expert"), on_delete=models.PROTECT, related_name="activity_links"
    )
    role = models.CharField(
        _("role"), max_length=12, choices=ExpertRole.choices, default=ExpertRole.TRAINER
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("named by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    added_at = models.DateTimeField(_("named at"), auto_now_add=True)

    class Meta:
        verbose_name = _("expert of an activity")
        verbose_name_plural = _("experts of activities")
        ordering = ["activity", "expert__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "expert"], name="activity_expert_once")
        ]

    def __str__(self) -> str:
        return f"{self.activity_id}: {self.expert_id}"
