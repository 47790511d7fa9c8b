from __future__ import annotations

from rest_framework import serializers

from smenet.api.filters import StrictQuerySerializer
from smenet.common.cleaning import LONG_TEXT_MAX, max_length
from smenet.registry.api.serializers import LanguageMapField, TranslatedField, TranslatedNamesField

from ..choices import ProgressStatus
from ..models import (
    Indicator,
    ItemComment,
    Plan,
    PlanItem,
    PlanVersion,
    ProgressReport,
    ReportingRound,
)


class PlanVersionOutputSerializer(serializers.ModelSerializer):
    decision = serializers.SlugRelatedField(slug_field="reference", read_only=True)

    class Meta:
        model = PlanVersion
        ref_name = "PlanVersion"
        fields = ["number", "status", "decision", "adopted_on", "submitted_at", "note"]


class PlanOutputSerializer(serializers.ModelSerializer):
    title = TranslatedField("title")
    titles = TranslatedNamesField("title")
    versions = PlanVersionOutputSerializer(many=True, read_only=True)

    class Meta:
        model = Plan
        ref_name = "Plan"
        fields = [
            "code",
            "title",
            "titles",
            "period_start",
            "period_end",
            "status",
            "max_depth",
            "is_sample",
            "versions",
        ]


class IndicatorOutputSerializer(serializers.ModelSerializer):
    name = TranslatedField("name")
    names = TranslatedNamesField("name")

    class Meta:
        model = Indicator
        ref_name = "PlanIndicator"
        fields = [
            "id",
            "key",
            "name",
            "names",
            "unit",
            "baseline",
            "target",
            "target_date",
            "actual",
            "actual_on",
        ]


class PlanItemOutputSerializer(serializers.ModelSerializer):
    title = TranslatedField("title")
    titles = TranslatedNamesField("title")
    descriptions = TranslatedNamesField("description")
    plan = serializers.CharField(source="plan_version.plan.code", read_only=True)
    plan_version = serializers.IntegerField(source="plan_version.number", read_only=True)
    lead = serializers.SlugRelatedField(slug_field="acronym", read_only=True)
    partners = serializers.SlugRelatedField(slug_field="acronym", many=True, read_only=True)
    subjects = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    indicators = IndicatorOutputSerializer(many=True, read_only=True)

    class Meta:
        model = PlanItem
        ref_name = "PlanItem"
        fields = [
            "id",
            "key",
            "plan",
            "plan_version",
            "parent",
            "depth",
            "order",
            "title",
            "titles",
            "descriptions",
            "lead",
            "partners",
            "start",
            "end",
            "subjects",
            "budget",
            "currency",
            "funding_source",
            "weight",
            "status",
            "percent",
            "indicators",
            "version",
        ]


class IndicatorInputSerializer(serializers.Serializer):
    key = serializers.CharField(required=False, allow_blank=True, max_length=32)
    names = LanguageMapField(max_length=max_length(Indicator, "name"))
    unit = serializers.CharField(required=False, allow_blank=True, max_length=40)
    baseline = serializers.DecimalField(
        max_digits=14, decimal_places=2, required=False, allow_null=True
    )
    target = serializers.DecimalField(max_digits=14, decimal_places=2)
    target_date = serializers.DateField(required=False, allow_null=True)

    class Meta:
        ref_name = "PlanIndicatorInput"


class PlanItemInputSerializer(serializers.Serializer):
    plan = serializers.SlugField(required=False)
    plan_version = serializers.IntegerField(required=False, min_value=1)
    version = serializers.IntegerField(required=False, min_value=1)
    parent = serializers.IntegerField(required=False, allow_null=True)
    order = serializers.IntegerField(required=False, min_value=1)
    titles = LanguageMapField(required=False, max_length=max_length(PlanItem, "title"))
    descriptions = LanguageMapField(required=False, max_length=max_length(PlanItem, "description"))
    lead = serializers.CharField(required=False, allow_null=True, allow_blank=True)
    partners = serializers.ListField(child=serializers.CharField(), required=False)
    start = serializers.DateField(required=False, allow_null=True)
    end = serializers.DateField(required=False, allow_null=True)
    subjects = serializers.ListField(child=serializers.CharField(), required=False)
    budget = serializers.DecimalField(
        max_digits=14, decimal_places=2, required=False, allow_null=True
    )
    currency = serializers.CharField(required=False, allow_blank=True, max_length=3)
    funding_source = serializers.CharField(required=False, allow_blank=True, max_length=200)
    weight = serializers.DecimalField(max_digits=6, decimal_places=2, required=False, min_value=0)
    indicators = IndicatorInputSerializer(many=True, required=False)

    class Meta:
        ref_name = "PlanItemInput"


class PlanItemFilterSerializer(StrictQuerySerializer):
    plan = serializers.SlugField()
    version = serializers.IntegerField(required=False, min_value=1)
    lead = serializers.CharField(required=False)


class CommentOutputSerializer(serializers.ModelSerializer):
    author = serializers.CharField(source="author.full_name", read_only=True)

    class Meta:
        model = ItemComment
        ref_name = "PlanComment"
        fields = ["id", "item", "parent", "author", "body", "resolved", "resolved_at", "created_at"]


class CommentInputSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=5000)
    parent = serializers.IntegerField(required=False, allow_null=True)

    class Meta:
        ref_name = "PlanCommentInput"


class ReturnInputSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=LONG_TEXT_MAX)

    class Meta:
        ref_name = "PlanReturnInput"


class AdoptInputSerializer(serializers.Serializer):
    reference = serializers.CharField(max_length=60)
    date = serializers.DateField()
    voting = serializers.CharField(max_length=16)
    votes_for = serializers.IntegerField(required=False, min_value=0)
    votes_against = serializers.IntegerField(required=False, min_value=0)
    abstentions = serializers.IntegerField(required=False, min_value=0)
    note = serializers.CharField(required=False, allow_blank=True, max_length=LONG_TEXT_MAX)

    class Meta:
        ref_name = "PlanAdoptInput"


class RoundOutputSerializer(serializers.ModelSerializer):
    plan = serializers.CharField(source="plan_version.plan.code", read_only=True)
    plan_version = serializers.IntegerField(source="plan_version.number", read_only=True)

    class Meta:
        model = ReportingRound
        ref_name = "ReportingRound"
        fields = [
            "id",
            "plan",
            "plan_version",
            "label",
            "opens_on",
            "deadline",
            "status",
            "is_sample",
        ]


class RoundInputSerializer(serializers.Serializer):
    plan = serializers.SlugField()
    plan_version = serializers.IntegerField(min_value=1)
    label = serializers.CharField(max_length=120)
    opens_on = serializers.DateField(required=False)
    deadline = serializers.DateField()

    class Meta:
        ref_name = "ReportingRoundInput"


class ReportOutputSerializer(serializers.ModelSerializer):
    actuals = serializers.SerializerMethodField()

    class Meta:
        model = ProgressReport
        ref_name = "ProgressReport"
        fields = [
            "id",
            "round",
            "item",
            "status",
            "progress_status",
            "percent",
            "narrative",
            "language",
            "actuals",
            "submitted_at",
            "reviewed_at",
            "review_comment",
            "version",
        ]

    def get_actuals(self, obj) -> dict[str, str]:
        return {str(a.indicator_id): str(a.value) for a in obj.actuals.all()}


class ReportInputSerializer(serializers.Serializer):
    version = serializers.IntegerField(required=False, min_value=1)
    status = serializers.ChoiceField(choices=ProgressStatus.choices)
    percent = serializers.IntegerField(required=False, min_value=0, max_value=100)
    narrative = serializers.CharField(required=False, allow_blank=True, max_length=10000)
    language = serializers.CharField(required=False, max_length=8)
    actuals = serializers.DictField(
        child=serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True),
        required=False,
    )
    submit = serializers.BooleanField(required=False, default=False)

    class Meta:
        ref_name = "ProgressReportInput"


class ReviewInputSerializer(serializers.Serializer):
    comment = serializers.CharField(required=False, allow_blank=True, max_length=LONG_TEXT_MAX)

    class Meta:
        ref_name = "ProgressReportReview"


class ReportFilterSerializer(StrictQuerySerializer):
    round = serializers.IntegerField()


class ImportInputSerializer(serializers.Serializer):
    file = serializers.FileField()

    def validate_file(self, upload):
        from django.utils.translation import gettext as _

        from ..imports import MAX_BYTES

        if not (upload.name or "").lower().endswith((".csv", ".xlsx")):
            raise serializers.ValidationError(_("Give a .csv or .xlsx file."))
        if upload.size > MAX_BYTES:
            raise serializers.ValidationError(
                _("The file is larger than %(mb)s MB; split it into smaller files.")
                % {"mb": MAX_BYTES // 2**20}
            )
        return upload

    class Meta:
        ref_name = "PlanImportInput"
