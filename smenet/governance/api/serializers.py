from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from smenet.api.filters import StrictQuerySerializer
from smenet.governance.models import Body, Decision, Mandate, Position
from smenet.registry.api.serializers import (
    TranslatedField,
    TranslatedNamesField,
)
from smenet.registry.models import Institution


class BodyRefSerializer(serializers.ModelSerializer):
    name = TranslatedField()

    class Meta:
        model = Body
        fields = ["code", "kind", "name"]


class PositionOutputSerializer(serializers.ModelSerializer):
    name = serializers.SerializerMethodField()
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Position
        fields = ["id", "code", "kind", "name", "region", "seats"]

    def get_name(self, obj: Position) -> str:
        return str(obj)


class BodyOutputSerializer(serializers.ModelSerializer):
    name = TranslatedField()
    names = TranslatedNamesField()
    description = TranslatedField("description")
    positions = PositionOutputSerializer(many=True, read_only=True)

    class Meta:
        model = Body
        fields = [
            "code",
            "kind",
            "name",
            "names",
            "description",
            "term_years",
            "established_on",
            "positions",
        ]


class HolderSerializer(serializers.ModelSerializer):
    name = TranslatedField()
    country = serializers.SlugRelatedField(slug_field="iso3", read_only=True)

    class Meta:
        model = Institution
        fields = ["slug", "acronym", "name", "country"]


class DecisionRefSerializer(serializers.ModelSerializer):
    title = TranslatedField("title")

    class Meta:
        model = Decision
        fields = ["reference", "date", "title"]


class MandateOutputSerializer(serializers.ModelSerializer):
    body = BodyRefSerializer(source="position.body", read_only=True)
    position = PositionOutputSerializer(read_only=True)
    region = serializers.SlugRelatedField(
        source="position.region", slug_field="code", read_only=True
    )
    holder = HolderSerializer(read_only=True)
    decision = DecisionRefSerializer(read_only=True)
    current = serializers.SerializerMethodField()

    class Meta:
        model = Mandate
        fields = [
            "id",
            "body",
            "position",
            "region",
            "holder",
            "start",
            "end",
            "current",
            "decision",
            "ended_early_reason",
            "is_sample",
        ]

    def get_current(self, obj: Mandate) -> bool:
        return obj.is_current(timezone.localdate())


class MandateFilterSerializer(StrictQuerySerializer):
    body = serializers.SlugField(required=False, max_length=60)
    current = serializers.BooleanField(required=False, allow_null=True, default=None)
    holder = serializers.SlugField(required=False, max_length=80)

    def to_internal_value(self, data):
        # BooleanField treats an absent value as False in forms; keep "absent" meaning "any".
        value = super().to_internal_value(data)
        if "current" not in data:
            value["current"] = None
        return value


class ElectionInputSerializer(serializers.Serializer):
    position = serializers.IntegerField(help_text=_("Position id (see /bodies/)."))
    holder = serializers.CharField(help_text=_("Institution slug or acronym."))
    start = serializers.DateField(required=False)
    end = serializers.DateField(required=False)


class MandateInputSerializer(ElectionInputSerializer):
    decision = serializers.CharField(required=False, help_text=_("Decision reference."))
