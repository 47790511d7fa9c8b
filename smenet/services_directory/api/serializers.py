from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from smenet.api.fields import TranslatedField
from smenet.api.filters import StrictQuerySerializer, refuse_fields
from smenet.common.cleaning import integer_range, max_length
from smenet.common.languages import bad_language_codes
from smenet.common.translation import pick, translations_dict

from .. import reference
from ..choices import CostKind, CrossBorder, ServiceStatus
from ..models import TEXT_FIELDS, Service

TEXTS_SCHEMA = {
    "type": "object",
    "additionalProperties": {"type": "string"},
    "description": 'Text by ISO 639-1 language code, e.g. {"en": "…", "ar": "…"}.',
}


class ServiceFilterSerializer(StrictQuerySerializer):
    country = serializers.CharField(required=False, help_text="ISO alpha-3, such as AZE.")
    category = serializers.CharField(
        required=False, help_text="A code of service_categories.csv (several, comma-separated)."
    )
    language = serializers.CharField(required=False, help_text="ISO 639-1, such as ar.")
    size = serializers.CharField(required=False, help_text="micro, small or medium.")
    sector = serializers.CharField(required=False, help_text="ISIC Rev. 4 section, A–U.")
    stage = serializers.CharField(required=False, help_text="idea, startup, growth or export.")
    cross_border = serializers.CharField(
        required=False,
        help_text="yes, no, conditions; true for yes or conditions, false for no.",
    )
    q = serializers.CharField(required=False, help_text="Full text, in any language.")
    institution = serializers.CharField(required=False, help_text="An institution's slug.")
    status = serializers.CharField(
        required=False, help_text="active (the default), suspended, archived or all."
    )


class ServiceInstitutionSerializer(serializers.Serializer):
    acronym = serializers.CharField()
    name = TranslatedField()
    slug = serializers.CharField()


class ServiceCostSerializer(serializers.Serializer):
    kind = serializers.CharField(source="cost", allow_blank=True)
    amount = serializers.DecimalField(
        source="cost_amount", max_digits=14, decimal_places=2, allow_null=True
    )
    currency = serializers.CharField(source="cost_currency", allow_blank=True)


@extend_schema_field({"type": "string"})
class TextField(serializers.Field):
    def __init__(self, field: str, **kwargs: Any):
        kwargs.setdefault("source", "*")
        kwargs["read_only"] = True
        self.text_field = field
        super().__init__(**kwargs)

    def to_representation(self, value: Service) -> str:
        return pick(translations_dict(value, self.text_field))[0]


class ServiceOutputSerializer(serializers.ModelSerializer):
    """A service in a list: enough to show a card and to link to the whole service."""

    institution = ServiceInstitutionSerializer()
    country = serializers.SerializerMethodField()
    title = TextField("title")
    summary = TextField("summary")
    # Codes as plain strings (their lists are documented, and the categories are data).
    category = serializers.CharField(help_text="A code of service_categories.csv.")
    status = serializers.CharField(help_text="active, suspended or archived.")
    review_status = serializers.CharField(help_text="draft, submitted, returned or published.")
    cross_border = serializers.CharField(
        help_text="yes, no, conditions, or empty when the source does not say."
    )
    title_language = serializers.SerializerMethodField()
    category_name = serializers.SerializerMethodField()
    cost = ServiceCostSerializer(source="*")
    url = serializers.CharField(source="get_absolute_url", read_only=True)
    unconfirmed = serializers.SerializerMethodField()

    class Meta:
        model = Service
        fields = [
            "id",
            "ref",
            "institution",
            "country",
            "category",
            "category_name",
            "title",
            "title_language",
            "summary",
            "languages",
            "sizes",
            "sectors",
            "stages",
            "cost",
            "cross_border",
            "status",
            "review_status",
            "last_confirmed",
            "unconfirmed",
            "is_sample",
            "url",
        ]

    def get_country(self, obj: Service) -> str | None:
        country = obj.institution.country
        return country.iso3 if country else None

    def get_title_language(self, obj: Service) -> str | None:
        return pick(translations_dict(obj, "title"))[1]

    def get_category_name(self, obj: Service) -> str:
        return reference.category_label(obj.category)

    def get_unconfirmed(self, obj: Service) -> bool:
        return obj.unconfirmed_since is not None


@extend_schema_field({"type": "object", "additionalProperties": TEXTS_SCHEMA})
class AllTextsField(serializers.Field):
    def __init__(self, **kwargs: Any):
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value: Service) -> dict[str, dict[str, str]]:
        return {f: translations_dict(value, f) for f in TEXT_FIELDS}


class ServiceDetailSerializer(ServiceOutputSerializer):
    """The whole service: every text in every language, eligibility, how to apply."""

    texts = AllTextsField()
    details = TextField("details")
    documents = TextField("documents")
    regions = TextField("regions")
    cost_note = TextField("cost_note")
    conditions = TextField("conditions")
    sme_definitions_url = serializers.SerializerMethodField()

    class Meta(ServiceOutputSerializer.Meta):
        fields = [
            *ServiceOutputSerializer.Meta.fields,
            "original_language",
            "texts",
            "details",
            "documents",
            "regions",
            "cost_note",
            "conditions",
            "online",
            "in_person",
            "apply_url",
            "apply_email",
            "apply_phone",
            "response_days",
            "source_url",
            "source_note",
            "sme_definitions_url",
            "changed_since_review",
            "review_comment",
            "published_at",
            "unconfirmed_since",
            "version",
        ]

    def get_sme_definitions_url(self, obj: Service) -> str:
        from django.urls import reverse

        return reverse("knowledge:sme-definitions")


class StrictInputSerializer(serializers.Serializer):
    """A request body: a field the operation does not take is a 400 naming it, never silently
    ignored (a typo such as ``titel`` would otherwise look like a saved change)."""

    def to_internal_value(self, data: Any) -> Any:
        refuse_fields(data, set(self.fields))
        return super().to_internal_value(data)


@extend_schema_field(TEXTS_SCHEMA)
class TextsInputField(serializers.DictField):
    """Text by language: keys are ISO 639-1 codes, each text within its column's length."""

    def __init__(self, field: str, **kwargs: Any):
        super().__init__(
            child=serializers.CharField(allow_blank=True, max_length=max_length(Service, field)),
            **kwargs,
        )

    def to_internal_value(self, data: Any) -> dict[str, str]:
        from django.utils.translation import gettext as _

        value = super().to_internal_value(data)
        if bad := bad_language_codes(value):
            raise serializers.ValidationError(
                _("%(codes)s: not ISO 639-1 language codes.") % {"codes": ", ".join(bad)}
            )
        return {k.lower(): v for k, v in value.items()}


def _codes() -> serializers.ListField:
    return serializers.ListField(
        child=serializers.CharField(max_length=12), required=False, max_length=100
    )


VERSION_MAX = integer_range(Service, "version")[1]


class ServiceWriteSerializer(StrictInputSerializer):
    """Shapes and limits only; the rules (known codes, the cost, permissions) are the
    service's."""

    institution = serializers.CharField(help_text="Slug or acronym.", max_length=200)
    country = serializers.CharField(
        required=False,
        max_length=3,
        help_text="ISO alpha-3; when given, the institution's country.",
    )
    category = serializers.CharField(max_length=max_length(Service, "category"))
    ref = serializers.CharField(required=False, max_length=max_length(Service, "ref"))
    original_language = serializers.CharField(
        required=False, max_length=max_length(Service, "original_language")
    )
    title = TextsInputField("title")
    summary = TextsInputField("summary", required=False)
    details = TextsInputField("details", required=False)
    documents = TextsInputField("documents", required=False)
    regions = TextsInputField("regions", required=False)
    cost_note = TextsInputField("cost_note", required=False)
    conditions = TextsInputField("conditions", required=False)
    sizes = _codes()
    sectors = _codes()
    stages = _codes()
    languages = _codes()
    online = serializers.BooleanField(required=False)
    in_person = serializers.BooleanField(required=False)
    cost = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=max_length(Service, "cost"),
        help_text=", ".join(CostKind.values),
    )
    cost_amount = serializers.DecimalField(
        required=False, allow_null=True, max_digits=14, decimal_places=2, min_value=0
    )
    cost_currency = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=max_length(Service, "cost_currency"),
        help_text="ISO 4217.",
    )
    apply_url = serializers.URLField(required=False, allow_blank=True, max_length=500)
    apply_email = serializers.EmailField(required=False, allow_blank=True)
    apply_phone = serializers.CharField(required=False, allow_blank=True, max_length=40)
    response_days = serializers.IntegerField(
        required=False, allow_null=True, min_value=0, max_value=3650
    )
    cross_border = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=max_length(Service, "cross_border"),
        help_text=", ".join(CrossBorder.values),
    )
    status = serializers.CharField(
        required=False,
        max_length=max_length(Service, "status"),
        help_text="active or suspended (archive has its own step).",
    )
    last_confirmed = serializers.DateField(required=False, allow_null=True)
    source_url = serializers.URLField(required=False, allow_blank=True, max_length=500)
    source_note = serializers.CharField(required=False, allow_blank=True, max_length=300)
    submit = serializers.BooleanField(
        required=False, default=False, help_text="Submit for review at once."
    )

    def split(self) -> tuple[dict[str, dict[str, str]], dict[str, Any]]:
        data = dict(self.validated_data)
        texts = {f: data.pop(f) for f in TEXT_FIELDS if f in data}
        return texts, data


class ServiceUpdateSerializer(ServiceWriteSerializer):
    version = serializers.IntegerField(min_value=1, max_value=VERSION_MAX)

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name != "version":
                field.required = False
        self.fields.pop("submit")


class ReturnInputSerializer(StrictInputSerializer):
    """The Secretariat's comments on what should be changed."""

    comment = serializers.CharField(max_length=max_length(Service, "review_comment"))


class VersionInputSerializer(StrictInputSerializer):
    """The version the change was read at (optional)."""

    version = serializers.IntegerField(min_value=1, max_value=VERSION_MAX, required=False)


STATUS_HELP = ", ".join(ServiceStatus.values)
