from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework import serializers

from smenet.api.filters import StrictQuerySerializer
from smenet.jobs.api.serializers import JobOutputSerializer
from smenet.registry.selectors import country_exists
from smenet.search.registry import CONTRACT_TYPES
from smenet.taxonomy.subjects import is_subject


class SearchQuerySerializer(StrictQuerySerializer):
    q = serializers.CharField(
        help_text='Words to find; "quoted words" are a phrase, a leading - excludes a word.'
    )
    type = serializers.CharField(
        required=False,
        help_text="One or more of " + ", ".join(CONTRACT_TYPES) + ", comma-separated.",
    )
    country = serializers.CharField(required=False, help_text="ISO alpha-3 code.")
    subject = serializers.CharField(required=False, help_text="A subject code.")
    language = serializers.CharField(
        required=False, help_text="Only documents with a version in this language (ISO 639-1)."
    )
    page = serializers.IntegerField(required=False, min_value=1, default=1)
    page_size = serializers.IntegerField(required=False, min_value=1, max_value=200, default=20)

    def validate_type(self, value: str) -> list[str]:
        types = [t.strip() for t in value.split(",") if t.strip()]
        unknown = [t for t in types if t not in CONTRACT_TYPES]
        if unknown or not types:
            raise serializers.ValidationError(
                _("Unknown type %(types)s; expected some of: %(known)s.")
                % {"types": ", ".join(unknown) or value, "known": ", ".join(CONTRACT_TYPES)}
            )
        return types

    def validate_country(self, value: str) -> str:
        code = value.strip().upper()
        if not country_exists(iso3=code):
            raise serializers.ValidationError(_("Unknown country code %(code)s.") % {"code": code})
        return code

    def validate_subject(self, value: str) -> str:
        if not is_subject(value.strip()):
            raise serializers.ValidationError(_("Unknown subject %(code)s.") % {"code": value})
        return value.strip()

    def validate_language(self, value: str) -> str:
        code = value.strip().lower()
        if not (len(code) == 2 and code.isascii() and code.isalpha()):
            raise serializers.ValidationError(_("An ISO 639-1 code, such as ar."))
        return code


class SearchHitSerializer(serializers.Serializer):
    type = serializers.CharField()
    id = serializers.IntegerField()
    ref = serializers.CharField(allow_null=True)
    title = serializers.CharField()
    snippet = serializers.CharField(help_text="HTML-safe excerpt; matches are in <mark>.")
    url = serializers.CharField()
    language = serializers.CharField(allow_null=True)
    score = serializers.FloatField()


class SearchResponseSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    results = SearchHitSerializer(many=True)
    suggestion = serializers.CharField(
        allow_null=True,
        help_text='The query with its unknown words corrected ("did you mean"), or null.',
    )


class IndexStatusSerializer(serializers.Serializer):
    state = serializers.ChoiceField(choices=["current", "stale", "empty"])
    documents = serializers.IntegerField()
    vectors = serializers.IntegerField()
    semantic = serializers.BooleanField()
    model = serializers.CharField()
    reindex = JobOutputSerializer(allow_null=True)
