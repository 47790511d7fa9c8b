"""Writes to the registry. Every write checks permission, validates, saves and keeps history."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from smenet.common import versioning
from smenet.common.errors import DomainError, PermissionDenied, ValidationFailed
from smenet.common.permissions import Action
from smenet.common.services import attribute_history, validate
from smenet.common.translation import set_translations

from . import roles
from .choices import CountryStatus, MembershipStatus, Role
from .models import (
    Country,
    CountryStatusChange,
    Institution,
    InstitutionStatusChange,
    RoleAssignment,
    User,
)
from .roles import require_secretariat

# What a focal point may change on its own institution; the rest is the Secretariat's.
PROFILE_FIELDS = {"native_name", "website", "email", "phone", "original_language"}
PROFILE_TRANSLATED_FIELDS = {"name", "description"}
SECRETARIAT_FIELDS = PROFILE_FIELDS | {
    "acronym",
    "type",
    "category",
    "country",
    "source_url",
    "is_verified",
    "is_sample",
}


def country_status_change(
    *,
    actor: User | None,
    country: Country,
    status: str,
    date: datetime.date,
    note: str = "",
    source: str = "",
) -> CountryStatusChange:
    """Record a change of a state's status (suspension, reinstatement…) and apply the latest one."""
    require_secretariat(actor)
    if status not in CountryStatus.values:
        raise DomainError(_("Unknown status %(status)s.") % {"status": status}, field="status")
    with transaction.atomic():
        change = CountryStatusChange(
            country=country, status=status, date=date, note=note, source=source
        )
        validate(change)
        change.save()
        latest = country.status_changes.order_by("-date", "-id").first()
        if latest is not None and country.status != latest.status:
            country.status = latest.status
            attribute_history(country, actor)
            country.save(update_fields=["status"])
    return change


def _unique_slug(acronym: str, country: Country | None) -> str:
    base = slugify(f"{acronym}-{country.iso3 if country else 'intl'}") or "institution"
    base = base[:70]
    slug, n = base, 2
    while Institution.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def institution_create(
    *,
    actor: User | None,
    acronym: str,
    names: Mapping[str, str],
    country: Country | None,
    descriptions: Mapping[str, str] | None = None,
    network_roles: Mapping[str, str] | None = None,
    membership_status: str = MembershipStatus.INVITED,
    status_date: datetime.date | None = None,
    slug: str | None = None,
    **fields: Any,
) -> Institution:
    require_secretariat(actor)
    if not any((v or "").strip() for v in names.values()):
        raise DomainError(_("Give the name in at least one language."), field="names")
    with transaction.atomic():
        inst = Institution(
            acronym=acronym.strip(),
            country=country,
            membership_status=membership_status,
            status_since=status_date,
            member_since=status_date if membership_status == MembershipStatus.MEMBER else None,
            slug=slug or _unique_slug(acronym, country),
            **fields,
        )
        set_translations(
            inst,
            {
                "name": names,
                "description": descriptions or {},
                "network_role": network_roles or {},
            },
        )
        validate(inst, exclude=["slug"] if slug is None else None)
        attribute_history(inst, actor)
        inst.save()
        if status_date:
            InstitutionStatusChange.objects.create(
                institution=inst, status=membership_status, date=status_date
            )
    return inst


def institution_update(
    *,
    actor: User,
    institution: Institution,
    expected_version: int | None,
    names: Mapping[str, str] | None = None,
    descriptions: Mapping[str, str] | None = None,
    **fields: Any,
) -> Institution:
    """Change an institution's profile. Focal points change their own institution's profile
    fields; the Secretariat changes anything. A stale ``expected_version`` is a conflict."""
    allowed = SECRETARIAT_FIELDS if roles.is_secretariat(actor) else PROFILE_FIELDS
    if not Institution.objects.visible_to(actor, Action.CHANGE).filter(pk=institution.pk).exists():
        raise PermissionDenied(
            _("You may only change your own institution."), code="not_your_institution"
        )
    refused = sorted(set(fields) - allowed)
    if refused:
        raise ValidationFailed(
            {name: [_("You may not change this field.")] for name in refused},
            code="field_not_editable",
        )
    with transaction.atomic():
        current = versioning.edit(institution, actor=actor, expected_version=expected_version)
        for name, value in fields.items():
            setattr(current, name, value)
        translated: dict[str, Mapping[str, str]] = {}
        if names is not None:
            if not any((v or "").strip() for v in names.values()):
                raise DomainError(_("Give the name in at least one language."), field="names")
            translated["name"] = names
        if descriptions is not None:
            translated["description"] = descriptions
        set_translations(current, translated)
        validate(current)
        current.save()
    return current


def institution_set_status(
    *,
    actor: User | None,
    institution: Institution,
    status: str,
    date: datetime.date,
    note: str = "",
) -> Institution:
    """Invited → member → suspended/withdrawn (and back), with the dated change kept."""
    require_secretariat(actor)
    if status not in MembershipStatus.values:
        raise DomainError(_("Unknown status %(status)s.") % {"status": status}, field="status")
    with transaction.atomic():
        inst = versioning.edit(institution, actor=actor, expected_version=None)
        InstitutionStatusChange.objects.create(
            institution=inst, status=status, date=date, note=note
        )
        inst.membership_status = status
        inst.status_since = date
        if status == MembershipStatus.MEMBER and inst.member_since is None:
            inst.member_since = date
        inst.save()
    return inst


def user_create(
    *,
    actor: User | None,
    email: str,
    full_name: str,
    password: str | None = None,
    institution: Institution | None = None,
    language: str = "en",
    is_staff: bool = False,
) -> User:
    require_secretariat(actor)
    user = User(
        email=User.objects.normalize_email(email).lower(),
        full_name=full_name.strip(),
        institution=institution,
        language=language,
        is_staff=is_staff,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    validate(user, exclude=["password"])
    user.save()
    return user


def role_assign(
    *, actor: User | None, user: User, role: str, institution: Institution | None = None
) -> RoleAssignment:
    require_secretariat(actor)
    if role == Role.FOCAL_POINT and institution is None:
        raise DomainError(_("A focal point belongs to an institution."), field="institution")
    with transaction.atomic():
        assignment, _created = RoleAssignment.objects.get_or_create(
            user=user, role=role, institution=institution
        )
        if role == Role.SECRETARIAT and not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
    roles.forget(user)
    return assignment
