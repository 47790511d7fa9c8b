from __future__ import annotations

from rest_framework import serializers

from smenet.api.fields import TranslatedField, TranslatedNamesField
from smenet.taxonomy.models import Subject


class SubjectOutputSerializer(serializers.ModelSerializer):
    name = TranslatedField()
    names = TranslatedNamesField()

    class Meta:
        model = Subject
        fields = ["code", "name", "names"]
