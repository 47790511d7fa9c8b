from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from parler.managers import TranslatableManager
from parler.models import TranslatableModel, TranslatedFields
from simple_history import register
from simple_history.models import HistoricalRecords

from smenet.common.models import TimeStampedModel, VersionedModel

from .choices import (
    CountryStatus,
    InstitutionCategory,
    InstitutionType,
    MembershipStatus,
    Role,
)
from .querysets import CountryQuerySet, InstitutionQuerySet


class Region(TranslatableModel):
    """An OIC geographical group (Arab, Asian, African): data, so it can be edited."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    translations = TranslatedFields(name=models.CharField(_("name"), max_length=100))

    class Meta:
        verbose_name = _("OIC region")
        verbose_name_plural = _("OIC regions")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.safe_translation_getter("name", any_language=True) or self.code


class Country(TranslatableModel):
    iso2 = models.CharField(
        _("ISO alpha-2 code"),
        max_length=2,
        unique=True,
        validators=[RegexValidator(r"^[A-Z]{2}$", _("Two capital letters, such as AZ."))],
    )
    iso3 = models.CharField(
        _("ISO alpha-3 code"),
        max_length=3,
        unique=True,
        validators=[RegexValidator(r"^[A-Z]{3}$", _("Three capital letters, such as AZE."))],
    )
    numeric = models.CharField(_("ISO numeric code"), max_length=3, blank=True)
    region = models.ForeignKey(
        Region, verbose_name=_("OIC region"), on_delete=models.PROTECT, related_name="countries"
    )
    joined = models.PositiveSmallIntegerField(_("year joined the OIC"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=CountryStatus.choices, default=CountryStatus.MEMBER
    )
    note = models.TextField(_("note"), blank=True)
    translations = TranslatedFields(name=models.CharField(_("name"), max_length=200))
    history = HistoricalRecords()

    objects = TranslatableManager.from_queryset(CountryQuerySet)()

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["iso3"]

    def __str__(self) -> str:
        return self.safe_translation_getter("name", any_language=True) or self.iso3

    def get_absolute_url(self) -> str:
        return reverse("registry:country-detail", kwargs={"iso3": self.iso3})


class CountryStatusChange(models.Model):
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.CASCADE, related_name="status_changes"
    )
    status = models.CharField(_("status"), max_length=16, choices=CountryStatus.choices)
    date = models.DateField(_("date"))
    note = models.TextField(_("note"), blank=True)
    source = models.URLField(_("source"), blank=True, max_length=500)

    class Meta:
        verbose_name = _("country status change")
        verbose_name_plural = _("country status changes")
        ordering = ["country", "date"]

    def __str__(self) -> str:
        return f"{self.country_id} {self.status} {self.date}"


class Institution(TranslatableModel, TimeStampedModel, VersionedModel):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    acronym = models.CharField(_("acronym"), max_length=40)
    native_name = models.CharField(_("name in the national language"), max_length=300, blank=True)
    type = models.CharField(
        _("type"), max_length=20, choices=InstitutionType.choices, default=InstitutionType.AGENCY
    )
    category = models.CharField(
        _("category"),
        max_length=16,
        choices=InstitutionCategory.choices,
        default=InstitutionCategory.MEMBER,
    )
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        related_name="institutions",
        null=True,
        blank=True,
    )
    website = models.URLField(_("website"), blank=True, max_length=300)
    email = models.EmailField(_("contact e-mail"), blank=True)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    membership_status = models.CharField(
        _("membership status"),
        max_length=16,
        choices=MembershipStatus.choices,
        default=MembershipStatus.INVITED,
    )
    member_since = models.DateField(_("member since"), null=True, blank=True)
    status_since = models.DateField(_("status since"), null=True, blank=True)
    original_language = models.CharField(_("original language"), max_length=8, default="en")
    source_url = models.URLField(_("source"), blank=True, max_length=500)
    is_verified = models.BooleanField(
        _("confirmed by a source"),
        default=False,
        help_text=_("Unconfirmed entries are labelled as such on the public site."),
    )
    is_sample = models.BooleanField(
        _("sample data"), default=False, help_text=_("Illustrative demo content, not real data.")
    )
    translations = TranslatedFields(
        name=models.CharField(_("name"), max_length=300),
        description=models.TextField(_("description"), blank=True),
        network_role=models.CharField(_("role in the network"), max_length=300, blank=True),
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = TranslatableManager.from_queryset(InstitutionQuerySet)()

    class Meta:
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        ordering = ["acronym"]
        indexes = [models.Index(fields=["membership_status", "category"])]

    def __str__(self) -> str:
        return self.acronym

    def get_absolute_url(self) -> str:
        return reverse("registry:institution-detail", kwargs={"slug": self.slug})

    @property
    def in_good_standing(self) -> bool:
        country_ok = self.country is None or self.country.status in (
            CountryStatus.MEMBER,
            CountryStatus.OBSERVER,
        )
        return self.membership_status == MembershipStatus.MEMBER and country_ok


class InstitutionStatusChange(models.Model):
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        on_delete=models.CASCADE,
        related_name="status_changes",
    )
    status = models.CharField(_("status"), max_length=16, choices=MembershipStatus.choices)
    date = models.DateField(_("date"))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("membership status change")
        verbose_name_plural = _("membership status changes")
        ordering = ["institution", "date", "id"]

    def __str__(self) -> str:
        return f"{self.institution_id} {self.status} {self.date}"


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person. One ``full_name``: names do not split the same way in every culture."""

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200)
    title = models.CharField(_("position"), max_length=200, blank=True)
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
    )
    language = models.CharField(_("preferred language"), max_length=8, default="en")
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("can use the back office"), default=False)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name


class RoleAssignment(TimeStampedModel):
    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="role_assignments"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_assignments",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "institution"], name="role_assignment_unique"
            ),
            models.CheckConstraint(
                condition=~Q(role=Role.FOCAL_POINT) | Q(institution__isnull=False),
                name="focal_point_has_institution",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()}"


register(Region.translations.field.model)
register(Country.translations.field.model)
register(Institution.translations.field.model)
