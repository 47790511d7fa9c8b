from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from smenet.api.fields import TranslatedField, TranslatedNamesField
from smenet.api.filters import StrictQuerySerializer
from smenet.common.cleaning import max_length
from smenet.common.languages import UNKNOWN_CODE, bad_language_codes
from smenet.registry.choices import InstitutionCategory, InstitutionType, MembershipStatus
from smenet.registry.models import Country, Institution


class CountryOutputSerializer(serializers.ModelSerializer):
    name = TranslatedField()
    names = TranslatedNamesField()
    oic_group = serializers.CharField(source="region.code")

    class Meta:
        model = Country
        fields = ["iso2", "iso3", "name", "names", "oic_group", "joined", "status"]


class CountryFilterSerializer(StrictQuerySerializer):
    oic_group = serializers.CharField(required=False)
    status = serializers.CharField(required=False)


class InstitutionOutputSerializer(serializers.ModelSerializer):
    name = TranslatedField()
    names = TranslatedNamesField()
    description = TranslatedField("description")
    country = serializers.SlugRelatedField(slug_field="iso3", read_only=True)
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Institution
        fields = [
            "slug",
            "acronym",
            "name",
            "names",
            "native_name",
            "description",
            "type",
            "category",
            "country",
            "website",
            "email",
            "membership_status",
            "member_since",
            "status_since",
            "is_verified",
            "is_sample",
            "source_url",
            "version",
            "url",
        ]


class InstitutionFilterSerializer(StrictQuerySerializer):
    country = serializers.RegexField(
        r"^[A-Za-z]{3}$",
        required=False,
        error_messages={"invalid": _("Give an ISO 3166-1 alpha-3 code, such as AZE.")},
    )
    type = serializers.ChoiceField(choices=InstitutionType.choices, required=False)
    status = serializers.ChoiceField(choices=MembershipStatus.choices, required=False)
    category = serializers.ChoiceField(choices=InstitutionCategory.choices, required=False)
    oic_group = serializers.CharField(required=False, max_length=32)
    q = serializers.CharField(required=False, max_length=200)


class LanguageMapField(serializers.DictField):
    """``{"en": "...", "ar": "..."}`` with ISO 639-1 keys."""

    def __init__(self, max_length: int = 300, **kwargs):
        super().__init__(
            child=serializers.CharField(allow_blank=True, max_length=max_length), **kwargs
        )

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        bad = bad_language_codes(value)
        if bad:
            raise serializers.ValidationError(UNKNOWN_CODE % {"code": bad[0]})
        return value


class InstitutionUpdateSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=1)
    names = LanguageMapField(required=False, max_length=max_length(Institution, "name"))
    descriptions = LanguageMapField(
        required=False, max_length=max_length(Institution, "description")
    )
    native_name = serializers.CharField(required=False, allow_blank=True, max_length=300)
    website = serializers.URLField(required=False, allow_blank=True, max_length=300)
    email = serializers.EmailField(required=False, allow_blank=True)
    phone = serializers.CharField(required=False, allow_blank=True, max_length=40)
    acronym = serializers.CharField(required=False, max_length=40)
    type = serializers.ChoiceField(choices=InstitutionType.choices, required=False)
    is_verified = serializers.BooleanField(required=False)
    source_url = serializers.URLField(required=False, allow_blank=True, max_length=500)
