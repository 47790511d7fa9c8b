from __future__ import annotations

import factory
from django.utils.text import slugify
from factory.django import DjangoModelFactory

from smenet.common.translation import set_translations
from smenet.registry import roles
from smenet.registry.choices import CountryStatus, InstitutionType, MembershipStatus
from smenet.registry.models import Country, Institution, Region, RoleAssignment, User


class TranslatedFactory(DjangoModelFactory):
    """Factories for parler models take ``names={"en": …, "ar": …}`` (or ``titles``)."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        translated = {
            field: kwargs.pop(f"{field}s") for field in ("name", "title") if f"{field}s" in kwargs
        }
        lookup = {k: kwargs[k] for k in cls._meta.django_get_or_create if k in kwargs}
        if lookup and (existing := model_class.objects.filter(**lookup).first()):
            return existing
        obj = model_class(*args, **kwargs)
        set_translations(obj, translated)
        obj.save()
        return obj


class RegionFactory(TranslatedFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = "Arab"
    names = factory.LazyAttribute(lambda o: {"en": f"{o.code} group"})


def _letters(n: int, width: int) -> str:
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    out = ""
    for _ in range(width):
        out = alphabet[n % 26] + out
        n //= 26
    return out


def _free_code(field: str, width: int) -> str:
    taken = set(Country.objects.values_list(field, flat=True))
    for prefix in "ZQJX":
        for n in range(26 ** (width - 1)):
            code = prefix + _letters(n, width - 1)
            if code not in taken:
                return code
    raise RuntimeError(f"No free {field} code left for a test country.")


class CountryFactory(TranslatedFactory):
    class Meta:
        model = Country

    # The first codes not in the database yet (reference data or codes a test picked by hand),
    # starting with Z (tests that pick a code by hand use X…), which no OIC member uses.
    iso3 = factory.LazyFunction(lambda: _free_code("iso3", 3))
    iso2 = factory.LazyFunction(lambda: _free_code("iso2", 2))
    region = factory.SubFactory(RegionFactory)
    joined = 1970
    status = CountryStatus.MEMBER
    names = factory.LazyAttribute(
        lambda o: {"en": f"Country {o.iso3}", "fr": f"Pays {o.iso3}", "ar": f"دولة {o.iso3}"}
    )


class InstitutionFactory(TranslatedFactory):
    class Meta:
        model = Institution

    acronym = factory.Sequence(lambda n: f"AG{n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.acronym))
    country = factory.SubFactory(CountryFactory)
    type = InstitutionType.AGENCY
    membership_status = MembershipStatus.MEMBER
    is_verified = True
    names = factory.LazyAttribute(
        lambda o: {"en": f"Agency {o.acronym}", "ar": f"وكالة {o.acronym}"}
    )


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def assign(user: User, role: str, institution: Institution | None = None) -> User:
    RoleAssignment.objects.create(user=user, role=role, institution=institution)
    roles.forget(user)
    return user
