from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from smenet.api.filters import StrictInputSerializer, StrictQuerySerializer
from smenet.registry.api.serializers import TranslatedField, TranslatedNamesField
from smenet.statistics.areas import area_index
from smenet.statistics.choices import ObsStatus, Qualifier
from smenet.statistics.models import DataRound, Indicator, Observation, Submission
from smenet.statistics.periods import parse_bound, parse_period


class IndicatorOutputSerializer(serializers.ModelSerializer):
    name = TranslatedField()
    names = TranslatedNamesField()
    definition = TranslatedField("definition")
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Indicator
        fields = [
            "code",
            "name",
            "names",
            "definition",
            "unit",
            "unit_multiplier",
            "decimals",
            "category",
            "direction",
            "aggregation",
            "min_value",
            "max_value",
            "url",
        ]


class IndicatorFilterSerializer(StrictQuerySerializer):
    category = serializers.CharField(required=False, max_length=16)


class ObservationFilterSerializer(StrictQuerySerializer):
    """Filters of ``GET /api/v1/observations/``; an unknown code is a 400 naming the filter."""

    indicator = serializers.CharField(
        required=False, max_length=50, help_text=_("An indicator code.")
    )
    ref_area = serializers.CharField(
        required=False,
        max_length=400,
        help_text=_(
            "ISO alpha-3 codes of member states or group codes (OIC, OIC_ARAB, OIC_ASIAN, OIC_AFRICAN), comma-separated."
        ),
    )
    period = serializers.CharField(required=False, max_length=10, help_text=_("YYYY or YYYY-Qn."))
    status = serializers.ChoiceField(choices=ObsStatus.choices, required=False)

    def get_fields(self):
        fields = super().get_fields()
        fields["from"] = serializers.CharField(
            required=False, max_length=10, help_text=_("First period, YYYY or YYYY-Qn.")
        )
        fields["to"] = serializers.CharField(
            required=False, max_length=10, help_text=_("Last period, YYYY or YYYY-Qn.")
        )
        return fields

    def validate_indicator(self, value: str) -> Indicator:
        indicator = Indicator.objects.filter(code=value.strip().upper()).first()
        if indicator is None:
            raise serializers.ValidationError(_("Unknown indicator code."))
        return indicator

    def validate_ref_area(self, value: str) -> list[str]:
        areas = area_index(include_former=True)
        codes = [c.strip().upper() for c in value.split(",") if c.strip()]
        unknown = [c for c in codes if areas.get(c) is None]
        if unknown:
            raise serializers.ValidationError(
                _(
                    "Unknown area code(s): %(codes)s. Give ISO alpha-3 codes of member states or group codes."
                )
                % {"codes": ", ".join(unknown)[:100]}
            )
        return codes

    def validate_period(self, value: str):
        period = parse_period(value)
        if period is None:
            raise serializers.ValidationError(_("Give a year (YYYY) or a quarter (YYYY-Qn)."))
        return period

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        errors: dict[str, Any] = {}
        for name in ("from", "to"):
            if name in attrs and attrs[name] not in (None, ""):
                bound = parse_bound(attrs[name])
                if bound is None:
                    errors[name] = [_("Give a year (YYYY) or a quarter (YYYY-Qn).")]
                else:
                    attrs[name] = bound
        if errors:
            raise serializers.ValidationError(errors)
        return attrs

    @staticmethod
    def to_selector(filters: dict[str, Any]) -> dict[str, Any]:
        return {
            "indicator": filters.get("indicator"),
            "ref_areas": filters.get("ref_area"),
            "period": filters.get("period"),
            "start": filters.get("from"),
            "end": filters.get("to"),
            "status": filters.get("status"),
        }


@extend_schema_field({"type": "number", "nullable": True})
class NumberField(serializers.Field):
    def to_representation(self, value):
        return value


class ObservationOutputSerializer(serializers.ModelSerializer):
    indicator = serializers.CharField(source="indicator.code")
    unit = serializers.CharField(source="indicator.unit")
    unit_multiplier = serializers.IntegerField(source="indicator.unit_multiplier")
    value = NumberField()
    source = serializers.CharField(source="source_url")
    publisher = serializers.CharField(source="source_publisher")
    definition = serializers.SerializerMethodField()
    verification = serializers.SerializerMethodField()

    class Meta:
        model = Observation
        fields = [
            "indicator",
            "ref_area",
            "period",
            "value",
            "unit",
            "unit_multiplier",
            "obs_status",
            "qualifier",
            "source",
            "publisher",
            "definition",
            "note",
            "verification",
            "verified_at",
            "updated_at",
            "is_sample",
        ]

    @extend_schema_field(
        {
            "type": "string",
            "nullable": True,
            "description": "ISO alpha-3 of the national SME definition",
        }
    )
    def get_definition(self, obj: Observation) -> str | None:
        return obj.definition.iso3 if obj.definition else None

    @extend_schema_field({"type": "string", "enum": ["verified"]})
    def get_verification(self, obj: Observation) -> str:
        return "verified"


class ObservationInputSerializer(StrictInputSerializer):
    indicator = serializers.CharField(max_length=50)
    ref_area = serializers.CharField(max_length=16)
    period = serializers.CharField(max_length=10)
    value = serializers.JSONField(
        allow_null=True, help_text=_("A number (null with obs_status M).")
    )
    unit = serializers.CharField(max_length=30, required=False, allow_blank=True)
    obs_status = serializers.CharField(max_length=1, required=False, allow_blank=True)
    source = serializers.CharField(max_length=500, required=False, allow_blank=True)
    publisher = serializers.CharField(max_length=200, required=False, allow_blank=True)
    definition = serializers.CharField(max_length=3, required=False, allow_blank=True)
    qualifier = serializers.ChoiceField(choices=Qualifier.choices, required=False, allow_blank=True)
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    comment = serializers.CharField(
        max_length=2000,
        required=False,
        allow_blank=True,
        help_text=_("Explains a large change from the period before (focal points)."),
    )


class SubmissionOutputSerializer(serializers.ModelSerializer):
    indicator = serializers.CharField(source="indicator.code")
    ref_area = serializers.CharField(source="country.iso3")
    value = NumberField()
    source = serializers.CharField(source="source_url")
    definition = serializers.SerializerMethodField()
    round = serializers.SlugRelatedField(slug_field="code", read_only=True)
    verification = serializers.CharField(source="status")

    class Meta:
        model = Submission
        fields = [
            "id",
            "round",
            "indicator",
            "ref_area",
            "period",
            "value",
            "obs_status",
            "qualifier",
            "source",
            "definition",
            "note",
            "comment",
            "verification",
            "review_comment",
            "version",
            "created_at",
            "updated_at",
        ]

    @extend_schema_field({"type": "string", "nullable": True})
    def get_definition(self, obj: Submission) -> str | None:
        return obj.definition.iso3 if obj.definition else None


class SubmissionFilterSerializer(StrictQuerySerializer):
    verification = serializers.ChoiceField(
        choices=[("submitted", "submitted"), ("returned", "returned"), ("verified", "verified")],
        required=False,
    )
    round = serializers.SlugField(required=False)


class ReviewInputSerializer(StrictInputSerializer):
    comment = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    version = serializers.IntegerField(required=False, min_value=1)


class SubmissionChangeInputSerializer(StrictInputSerializer):
    """A focal point corrects a figure awaiting verification or returned to it: the fields sent
    replace the submitted ones (indicator, area and period stay); ``version`` is the one read."""

    version = serializers.IntegerField(min_value=1)
    value = serializers.JSONField(
        required=False, allow_null=True, help_text=_("A number (null with obs_status M).")
    )
    unit = serializers.CharField(max_length=30, required=False, allow_blank=True)
    obs_status = serializers.CharField(max_length=1, required=False, allow_blank=True)
    source = serializers.CharField(max_length=500, required=False, allow_blank=True)
    publisher = serializers.CharField(max_length=200, required=False, allow_blank=True)
    definition = serializers.CharField(max_length=3, required=False, allow_blank=True)
    qualifier = serializers.ChoiceField(choices=Qualifier.choices, required=False, allow_blank=True)
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    comment = serializers.CharField(max_length=2000, required=False, allow_blank=True)


class DataRoundOutputSerializer(serializers.ModelSerializer):
    title = TranslatedField("title")
    indicators = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = DataRound
        fields = [
            "code",
            "title",
            "status",
            "indicators",
            "first_year",
            "last_year",
            "opens_on",
            "deadline",
            "version",
            "updated_at",
        ]


class DataRoundChangeInputSerializer(StrictInputSerializer):
    version = serializers.IntegerField(min_value=1)
    deadline = serializers.DateField(required=False)
    opens_on = serializers.DateField(required=False)


class DataRoundTransitionInputSerializer(StrictInputSerializer):
    status = serializers.ChoiceField(choices=["draft", "open", "closed"])
    version = serializers.IntegerField(required=False, min_value=1)
