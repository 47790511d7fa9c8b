from django.urls import reverse
from rest_framework import serializers

from ..models import Job


class JobOutputSerializer(serializers.ModelSerializer):
    percent = serializers.IntegerField(read_only=True)
    result_url = serializers.SerializerMethodField()
    page_url = serializers.SerializerMethodField()

    class Meta:
        model = Job
        fields = [
            "id",
            "kind",
            "title",
            "status",
            "done",
            "total",
            "percent",
            "message",
            "errors",
            "result_url",
            "page_url",
            "created_at",
            "started_at",
            "finished_at",
        ]

    def get_result_url(self, job: Job) -> str | None:
        return reverse("jobs:result", kwargs={"pk": job.pk}) if job.result else None

    def get_page_url(self, job: Job) -> str:
        return job.get_absolute_url()
