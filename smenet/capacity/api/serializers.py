from __future__ import annotations

from rest_framework import serializers

from smenet.api.filters import StrictQuerySerializer
from smenet.capacity.choices import ActivityStatus, Format, FundingSource, Gender
from smenet.capacity.models import Activity, Answer, Cycle, Nomination, Response
from smenet.common.cleaning import max_length
from smenet.registry.api.serializers import LanguageMapField, TranslatedField


class CycleOutputSerializer(serializers.ModelSerializer):
    title = TranslatedField("title")

    class Meta:
        model = Cycle
        fields = ["code", "title", "opens_on", "closes_on", "status"]


class CycleInputSerializer(serializers.Serializer):
    code = serializers.SlugField(max_length=40)
    titles = LanguageMapField(max_length=max_length(Cycle, "title"))
    opens_on = serializers.DateField()
    closes_on = serializers.DateField()
    institutions = serializers.ListField(child=serializers.CharField(), allow_empty=False)


class AnswerSerializer(serializers.ModelSerializer):
    subject = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Answer
        fields = [
            "subject",
            "need",
            "desired_level",
            "preferred_formats",
            "capacity_level",
            "capacity_formats",
            "delivery_languages",
            "max_activities",
            "max_participants",
            "cost_sharing",
            "contact_expert",
        ]


class ResponseOutputSerializer(serializers.ModelSerializer):
    cycle = serializers.SlugRelatedField(slug_field="code", read_only=True)
    institution = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    answers = AnswerSerializer(many=True, read_only=True)

    class Meta:
        model = Response
        fields = [
            "cycle",
            "institution",
            "status",
            "languages",
            "max_received",
            "version",
            "submitted_at",
            "signed_off_at",
            "reopened",
            "answers",
        ]


class ResponseInputSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=1)
    languages = serializers.ListField(child=serializers.CharField(max_length=8), required=False)
    max_received = serializers.IntegerField(min_value=0, required=False, allow_null=True)
    answers = serializers.DictField(child=serializers.DictField(), required=False)


class MatchingRunInputSerializer(serializers.Serializer):
    require_common_language = serializers.BooleanField(default=True)
    allow_same_country = serializers.BooleanField(default=False)


# --- The matching engine's contract (docs/contracts.md, "Matching input and output") ----------
# These describe the documents of ``POST /api/v1/matching/run/`` in the OpenAPI schema; the
# engine parses and checks the body itself (capacity/matching/), with the place of each error.

REASONS = [
    "no_provider",
    "no_compatible_provider",
    "max_received_reached",
    "provider_capacity_exhausted",
]


class MatchingCapacitySerializer(serializers.Serializer):
    level = serializers.IntegerField(min_value=1, max_value=3, help_text="1 (basic) to 3 (expert).")
    max_activities = serializers.IntegerField(
        min_value=0, help_text="Activities it can provide on the subject in the cycle."
    )


class MatchingInstitutionSerializer(serializers.Serializer):
    id = serializers.CharField(help_text="Unique in the document.")
    country = serializers.CharField(
        help_text="ISO 3166-1 alpha-3; activities join different countries unless allowed."
    )
    languages = serializers.ListField(
        child=serializers.CharField(), help_text="ISO 639-1 codes it works in."
    )
    needs = serializers.DictField(
        child=serializers.IntegerField(min_value=0, max_value=3),
        required=False,
        help_text="Subject code → need 1–3 (absent or 0: no need).",
    )
    capacities = serializers.DictField(
        child=MatchingCapacitySerializer(), required=False, help_text="Subject code → capacity."
    )
    max_received = serializers.IntegerField(
        min_value=0,
        required=False,
        help_text="At most this many activities in total (default: no limit).",
    )


class MatchingOptionsSerializer(serializers.Serializer):
    require_common_language = serializers.BooleanField(default=True)
    allow_same_country = serializers.BooleanField(default=False)


class MatchingEngineInputSerializer(serializers.Serializer):
    """Matching input, version 1."""

    subjects = serializers.ListField(child=serializers.CharField(), help_text="Subject codes.")
    institutions = MatchingInstitutionSerializer(many=True)
    options = MatchingOptionsSerializer(required=False)


class MatchingActivitySerializer(serializers.Serializer):
    provider = serializers.CharField()
    beneficiary = serializers.CharField()
    subject = serializers.CharField()
    score = serializers.IntegerField(help_text="Need × level.")


class UnmetNeedSerializer(serializers.Serializer):
    beneficiary = serializers.CharField()
    subject = serializers.CharField()
    need = serializers.IntegerField()
    reason = serializers.ChoiceField(choices=REASONS)


class MatchingEngineOutputSerializer(serializers.Serializer):
    """Matching output, version 1: a set of activities of maximum total score."""

    activities = MatchingActivitySerializer(many=True)
    total_score = serializers.IntegerField()
    optimal = serializers.BooleanField(help_text="Always true: the engine is exact.")
    unmet_needs = UnmetNeedSerializer(many=True)


class ServedNeedSerializer(serializers.Serializer):
    beneficiary = serializers.CharField()
    subject = serializers.CharField()
    need = serializers.IntegerField()
    reason = serializers.ChoiceField(choices=["already_served"])
    activity = serializers.CharField(help_text="Reference of the live activity serving it.")


class CycleMatchingOutputSerializer(MatchingEngineOutputSerializer):
    already_served = ServedNeedSerializer(
        many=True, help_text="Needs a live activity of the cycle already serves (not proposed)."
    )


class ProposalOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    provider = serializers.CharField(help_text="Institution slug.")
    beneficiary = serializers.CharField(help_text="Institution slug.")
    subject = serializers.CharField()
    score = serializers.IntegerField()
    status = serializers.ChoiceField(choices=["proposed", "accepted", "rejected"])


class CycleMatchingRunOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    total_score = serializers.IntegerField()
    output = CycleMatchingOutputSerializer()
    proposals = ProposalOutputSerializer(many=True)


class ProposalDecisionOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=["proposed", "accepted", "rejected"])
    activity = serializers.CharField(allow_null=True, help_text="Reference of the new activity.")


class ProblemSerializer(serializers.Serializer):
    """An error (RFC 7807 problem+json)."""

    type = serializers.CharField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    code = serializers.CharField(help_text="Stable, for programs.")
    detail = serializers.CharField(help_text="Translated; names the first field in error.")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="Messages by the place in the input (e.g. institutions[3].capacities.x.level).",
    )


class ActivityOutputSerializer(serializers.ModelSerializer):
    title = TranslatedField("title")
    type = serializers.SlugRelatedField(slug_field="code", read_only=True)
    subject = serializers.SlugRelatedField(slug_field="code", read_only=True)
    cycle = serializers.SlugRelatedField(slug_field="code", read_only=True)
    providers = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    beneficiaries = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Activity
        fields = [
            "reference",
            "title",
            "type",
            "subject",
            "cycle",
            "providers",
            "beneficiaries",
            "languages",
            "format",
            "venue",
            "online_link",
            "starts_at",
            "ends_at",
            "time_zone",
            "funding_source",
            "participants_per_beneficiary",
            "status",
            "status_reason",
            "is_sample",
            "version",
            "url",
        ]


class ActivityFilterSerializer(StrictQuerySerializer):
    status = serializers.ChoiceField(choices=ActivityStatus.choices, required=False)
    subject = serializers.SlugField(required=False)
    cycle = serializers.SlugField(required=False)
    country = serializers.RegexField(r"^[A-Za-z]{3}$", required=False)


class ActivityInputSerializer(serializers.Serializer):
    type = serializers.SlugField()
    subject = serializers.SlugField()
    titles = LanguageMapField(max_length=max_length(Activity, "title"))
    providers = serializers.ListField(child=serializers.CharField(), allow_empty=False)
    beneficiaries = serializers.ListField(child=serializers.CharField(), allow_empty=False)
    languages = serializers.ListField(child=serializers.CharField(max_length=8), required=False)
    format = serializers.ChoiceField(choices=Format.choices, required=False)
    funding_source = serializers.ChoiceField(choices=FundingSource.choices, required=False)
    participants_per_beneficiary = serializers.IntegerField(
        min_value=1, max_value=500, required=False
    )
    venue = serializers.CharField(required=False, allow_blank=True, max_length=300)
    online_link = serializers.URLField(required=False, allow_blank=True)


class TransitionInputSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=ActivityStatus.choices)
    version = serializers.IntegerField(required=False, min_value=1)
    reason = serializers.CharField(required=False, allow_blank=True, max_length=300)
    starts_at = serializers.DateTimeField(required=False)
    ends_at = serializers.DateTimeField(required=False)
    time_zone = serializers.CharField(required=False, max_length=60)
    venue = serializers.CharField(required=False, allow_blank=True, max_length=300)
    online_link = serializers.URLField(required=False, allow_blank=True)

    def validate_time_zone(self, value: str) -> str:
        import zoneinfo

        from django.utils.translation import gettext as _

        if value not in zoneinfo.available_timezones():
            raise serializers.ValidationError(_("Unknown time zone."))
        return value


class NominationInputSerializer(serializers.Serializer):
    institution = serializers.CharField()
    full_name = serializers.CharField(max_length=200)
    position = serializers.CharField(required=False, allow_blank=True, max_length=200)
    gender = serializers.ChoiceField(choices=Gender.choices)
    email = serializers.EmailField()


class NominationOutputSerializer(serializers.ModelSerializer):
    institution = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Nomination
        fields = [
            "id",
            "institution",
            "full_name",
            "position",
            "gender",
            "email",
            "status",
            "attended",
        ]
