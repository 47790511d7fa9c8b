from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from smenet.api.filters import StrictQuerySerializer
from smenet.common.cleaning import LONG_TEXT_MAX, max_length
from smenet.common.languages import bad_language_codes
from smenet.common.translation import pick, translations_dict
from smenet.knowledge.choices import Confidentiality, PracticeStatus, PublicationKind
from smenet.knowledge.models import TEMPLATE_FIELDS, BestPractice, Publication, SmeDefinition
from smenet.knowledge.validators import validate_upload
from smenet.registry.models import Country, Institution
from smenet.taxonomy.subjects import is_subject

TEXT_FIELDS = ("title", *TEMPLATE_FIELDS)
TEXTS_SCHEMA = {"type": "object", "additionalProperties": {"type": "string"}}


class TextsField(serializers.Field):
    """``{field: {lang: text}}`` of every template field, from prefetched translations."""

    def __init__(self, fields: tuple[str, ...] = TEXT_FIELDS, **kwargs):
        kwargs.setdefault("source", "*")
        kwargs["read_only"] = True
        self.text_fields = fields
        super().__init__(**kwargs)

    def to_representation(self, value):
        return {f: translations_dict(value, f) for f in self.text_fields}


extend_schema_field({"type": "object", "additionalProperties": TEXTS_SCHEMA})(TextsField)


class TitleField(serializers.Field):
    def __init__(self, **kwargs):
        kwargs.setdefault("source", "*")
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        return pick(translations_dict(value, "title"))[0]


extend_schema_field({"type": "string"})(TitleField)


class BestPracticeOutputSerializer(serializers.ModelSerializer):
    title = TitleField()
    texts = TextsField()
    country = serializers.CharField(source="country.iso3")
    institution = serializers.CharField(source="institution.slug", allow_null=True, default=None)
    subjects = serializers.SerializerMethodField()
    url = serializers.CharField(source="get_absolute_url")

    class Meta:
        model = BestPractice
        fields = [
            "id",
            "ref",
            "title",
            "status",
            "country",
            "institution",
            "subjects",
            "year",
            "original_language",
            "contact",
            "texts",
            "review_comment",
            "is_sample",
            "version",
            "url",
        ]

    def get_subjects(self, obj) -> list[str]:
        return [s.code for s in obj.subjects.all()]


def _check_language_codes(value: dict) -> None:
    bad = bad_language_codes(value)
    if bad:
        raise serializers.ValidationError(
            _("%(codes)s: not ISO 639-1 language codes.") % {"codes": ", ".join(bad)}
        )


class LanguageTextsField(serializers.DictField):
    def __init__(self, max_length: int = LONG_TEXT_MAX, **kwargs):
        super().__init__(
            child=serializers.CharField(allow_blank=True, max_length=max_length), **kwargs
        )

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        _check_language_codes(value)
        return {k.lower(): v for k, v in value.items()}


class LinkSerializer(serializers.Serializer):
    url = serializers.URLField(max_length=500)
    label = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class BestPracticeInputSerializer(serializers.Serializer):
    country = serializers.SlugRelatedField(slug_field="iso3", queryset=Country.objects.all())
    institution = serializers.SlugRelatedField(
        slug_field="slug", queryset=Institution.objects.all(), required=False, allow_null=True
    )
    subjects = serializers.ListField(
        child=serializers.CharField(max_length=64), required=False, default=list
    )
    year = serializers.IntegerField(min_value=1900, max_value=2100, required=False, allow_null=True)
    original_language = serializers.RegexField(r"^[a-z]{2}$", required=False, default="en")
    contact = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)
    links = LinkSerializer(many=True, required=False, default=list)
    title = LanguageTextsField(max_length=max_length(BestPractice, "title"))
    summary = LanguageTextsField(required=False)
    problem = LanguageTextsField(required=False)
    approach = LanguageTextsField(required=False)
    results = LanguageTextsField(required=False)
    lessons = LanguageTextsField(required=False)
    replication = LanguageTextsField(required=False)
    body = LanguageTextsField(required=False)

    def validate_subjects(self, value):
        unknown = [c for c in value if not is_subject(c)]
        if unknown:
            raise serializers.ValidationError(
                _("Unknown subjects: %(codes)s.") % {"codes": ", ".join(unknown)}
            )
        return value

    def validate_title(self, value):
        if not any(v.strip() for v in value.values()):
            raise serializers.ValidationError(_("Give the title in at least one language."))
        return value

    def split(self) -> tuple[dict, dict]:
        data = dict(self.validated_data)
        texts = {f: data.pop(f) for f in TEXT_FIELDS if f in data}
        return texts, data


class BestPracticeUpdateSerializer(BestPracticeInputSerializer):
    version = serializers.IntegerField(min_value=1)

    def __init__(self, *args, **kwargs):
        kwargs["partial"] = True
        super().__init__(*args, **kwargs)

    def validate(self, attrs):
        # A partial update may leave out any field but the version it was read at.
        if "version" not in attrs:
            from django.utils.translation import gettext as _

            raise serializers.ValidationError({"version": [_("This field is required.")]})
        return super().validate(attrs)


class ReturnInputSerializer(serializers.Serializer):
    comment = serializers.CharField(max_length=max_length(BestPractice, "review_comment"))


class InterestInputSerializer(serializers.Serializer):
    institution = serializers.SlugRelatedField(
        slug_field="slug", queryset=Institution.objects.all()
    )
    message = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=LONG_TEXT_MAX
    )


class BestPracticeFilterSerializer(StrictQuerySerializer):
    country = serializers.CharField(required=False)
    institution = serializers.CharField(required=False)
    subject = serializers.CharField(required=False)
    status = serializers.ChoiceField(choices=PracticeStatus.choices, required=False)
    language = serializers.CharField(required=False)


class PublicationOutputSerializer(serializers.ModelSerializer):
    title = TitleField()
    texts = TextsField(fields=("title", "summary"))
    files = serializers.SerializerMethodField()
    url = serializers.CharField(source="get_absolute_url")

    class Meta:
        model = Publication
        fields = [
            "id",
            "ref",
            "kind",
            "title",
            "date",
            "confidentiality",
            "original_language",
            "source_url",
            "texts",
            "files",
            "is_sample",
            "url",
        ]

    def get_files(self, obj) -> dict[str, str]:
        """The download address of each language version (the files of a members-only
        publication are served to signed-in members only)."""
        return {
            f.language: reverse(
                "knowledge:publication-file", kwargs={"pk": obj.pk, "language": f.language}
            )
            for f in obj.files.all()
        }


class LanguageFilesField(serializers.DictField):
    """``files.<lang>`` parts of a multipart request: one file per ISO 639-1 language code."""

    def __init__(self, **kwargs):
        super().__init__(child=serializers.FileField(validators=[validate_upload]), **kwargs)

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        _check_language_codes(value)
        if not value:
            raise serializers.ValidationError(_("Upload the file in at least one language."))
        return {k.lower(): v for k, v in value.items()}


extend_schema_field(
    {"type": "object", "additionalProperties": {"type": "string", "format": "binary"}}
)(LanguageFilesField)


class PublicationInputSerializer(serializers.Serializer):
    """A publication with its files, as `multipart/form-data`: texts as `title.<lang>`,
    `summary.<lang>`, `body.<lang>`; one file a language as `files.<lang>`."""

    kind = serializers.ChoiceField(choices=PublicationKind.choices)
    date = serializers.DateField()
    confidentiality = serializers.ChoiceField(
        choices=Confidentiality.choices, required=False, default=Confidentiality.PUBLIC
    )
    original_language = serializers.RegexField(r"^[a-z]{2}$", required=False, default="en")
    country = serializers.SlugRelatedField(
        slug_field="iso3", queryset=Country.objects.all(), required=False, allow_null=True
    )
    institution = serializers.SlugRelatedField(
        slug_field="slug", queryset=Institution.objects.all(), required=False, allow_null=True
    )
    source_url = serializers.URLField(max_length=500, required=False, allow_blank=True, default="")
    ref = serializers.CharField(max_length=100, required=False, allow_null=True, default=None)
    title = LanguageTextsField(max_length=max_length(Publication, "title"))
    summary = LanguageTextsField(required=False)
    body = LanguageTextsField(required=False)
    files = LanguageFilesField()

    def validate_title(self, value):
        if not any(v.strip() for v in value.values()):
            raise serializers.ValidationError(_("Give the title in at least one language."))
        return value

    def validate_ref(self, value):
        if value and Publication.objects.filter(ref=value).exists():
            raise serializers.ValidationError(_("A publication with this reference exists."))
        return value or None

    def split(self) -> tuple[dict, dict, dict]:
        data = dict(self.validated_data)
        texts = {f: data.pop(f) for f in ("title", "summary", "body") if f in data}
        return texts, data.pop("files"), data


class SmeDefinitionOutputSerializer(serializers.ModelSerializer):
    country = serializers.CharField(source="country.iso3")

    class Meta:
        model = SmeDefinition
        fields = [
            "country",
            "size_class",
            "max_employees",
            "max_turnover",
            "max_assets",
            "currency",
            "other_criterion",
            "legal_source",
            "year",
        ]
