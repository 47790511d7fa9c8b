from __future__ import annotations

from rest_framework import serializers

from smenet.api.fields import TranslatedField, TranslatedNamesField
from smenet.api.filters import StrictInputSerializer
from smenet.events.api.serializers import TextMapField
from smenet.registry.api.serializers import LanguageMapField

from ..models import NewsArticle


class NewsOutputSerializer(serializers.ModelSerializer):
    title = TranslatedField("title")
    titles = TranslatedNamesField("title")
    summary = TranslatedField("summary")
    published = serializers.DateTimeField(source="publish_at", read_only=True)
    languages = serializers.SerializerMethodField()
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = NewsArticle
        fields = [
            "slug",
            "title",
            "titles",
            "summary",
            "published",
            "status",
            "original_language",
            "languages",
            "url",
            "is_sample",
            "version",
        ]

    def get_languages(self, obj) -> list[str]:
        return sorted(t.language_code for t in obj.translations.all())


class NewsDetailSerializer(NewsOutputSerializer):
    body = TranslatedField("body")
    bodies = TranslatedNamesField("body")
    image = serializers.SerializerMethodField()
    image_alt = TranslatedField("image_alt")

    class Meta(NewsOutputSerializer.Meta):
        fields = [
            *NewsOutputSerializer.Meta.fields,
            "body",
            "bodies",
            "image",
            "image_alt",
            "source_url",
        ]

    def get_image(self, obj) -> str | None:
        return obj.image.url if obj.image else None


class NewsInputSerializer(StrictInputSerializer):
    slug = serializers.SlugField(max_length=120)
    original_language = serializers.ChoiceField(choices=["ar", "en", "fr"])
    titles = LanguageMapField()
    summaries = TextMapField(max_length=1000)
    bodies = TextMapField(required=False, max_length=100000)
    source_url = serializers.URLField(required=False, allow_blank=True, max_length=500)


class NewsPublishSerializer(StrictInputSerializer):
    at = serializers.DateTimeField(required=False, help_text="Leave out to publish now.")
    version = serializers.IntegerField(
        required=False, min_value=1, help_text="The version you read; a stale one gets 409."
    )


class NewsUpdateSerializer(StrictInputSerializer):
    version = serializers.IntegerField(
        min_value=1, help_text="The version you read; a stale one gets 409."
    )
    titles = LanguageMapField()
    summaries = TextMapField(max_length=1000)
    bodies = TextMapField(required=False, max_length=100000)
