from __future__ import annotations

from rest_framework import serializers

from smenet.api.filters import StrictQuerySerializer
from smenet.common.cleaning import integer_range, max_length
from smenet.services_directory.api.serializers import StrictInputSerializer

from ..models import Expert


class ExpertFilterSerializer(StrictQuerySerializer):
    subject = serializers.CharField(required=False, help_text="A subject code of the taxonomy.")
    language = serializers.CharField(required=False, help_text="ISO 639-1, such as ar.")
    country = serializers.CharField(
        required=False, help_text="A country of experience, ISO alpha-3."
    )
    q = serializers.CharField(required=False, help_text="Part of the name.")


class ExpertiseSerializer(serializers.Serializer):
    subject = serializers.CharField()
    name = serializers.CharField()
    level = serializers.IntegerField()


class ExpertInstitutionSerializer(serializers.Serializer):
    slug = serializers.CharField()
    acronym = serializers.CharField()


class PastActivitySerializer(serializers.Serializer):
    reference = serializers.CharField()
    title = serializers.CharField()
    url = serializers.CharField()
    role = serializers.CharField()
    starts_at = serializers.DateTimeField(allow_null=True)
    status = serializers.CharField()
    evaluation = serializers.FloatField(allow_null=True)


class ExpertOutputSerializer(serializers.Serializer):
    """An expert as the caller may see them: the parts the expert agreed to show (all of them
    for the profile's keepers); a part not shown is absent or empty, never guessed."""

    id = serializers.IntegerField()
    full_name = serializers.CharField()
    url = serializers.CharField()
    expertise = serializers.SerializerMethodField()
    institution = serializers.SerializerMethodField()
    languages = serializers.ListField(child=serializers.CharField())
    countries = serializers.SerializerMethodField()
    summary = serializers.CharField()
    email = serializers.CharField()
    phone = serializers.CharField()
    cv_url = serializers.CharField()
    availability = serializers.CharField()
    activity_count = serializers.IntegerField(allow_null=True)
    evaluation = serializers.FloatField(
        allow_null=True, help_text="Average participant evaluation (1–5) of their activities."
    )
    shown = serializers.ListField(child=serializers.CharField())
    is_sample = serializers.BooleanField()

    def get_expertise(self, card) -> list[dict]:
        return [{"subject": c, "name": n, "level": lv} for c, n, lv in card.subjects]

    def get_institution(self, card) -> dict | None:
        inst = card.institution
        return {"slug": inst.slug, "acronym": inst.acronym} if inst else None

    def get_countries(self, card) -> list[str]:
        return [c.iso3 for c in card.countries]


class ExpertDetailSerializer(ExpertOutputSerializer):
    activities = PastActivitySerializer(many=True)


class ExpertUpdateSerializer(StrictInputSerializer):
    """A change to a profile by whoever keeps it; every field optional but ``version``."""

    version = serializers.IntegerField(min_value=1, max_value=integer_range(Expert, "version")[1])
    full_name = serializers.CharField(required=False, max_length=max_length(Expert, "full_name"))
    email = serializers.EmailField(
        required=False, allow_blank=True, max_length=max_length(Expert, "email")
    )
    phone = serializers.CharField(
        required=False, allow_blank=True, max_length=max_length(Expert, "phone")
    )
    summary = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    summary_language = serializers.CharField(
        required=False, allow_blank=True, max_length=max_length(Expert, "summary_language")
    )
    availability = serializers.CharField(
        required=False, max_length=max_length(Expert, "availability")
    )
    availability_note = serializers.CharField(
        required=False, allow_blank=True, max_length=max_length(Expert, "availability_note")
    )
    languages = serializers.ListField(
        child=serializers.CharField(max_length=8), required=False, max_length=100
    )
    countries = serializers.ListField(
        child=serializers.CharField(max_length=3), required=False, max_length=300
    )
    subjects = serializers.DictField(
        child=serializers.IntegerField(min_value=1, max_value=3),
        required=False,
        help_text="{subject code: level 1–3}",
    )
