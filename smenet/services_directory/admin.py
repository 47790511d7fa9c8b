"""The back office shows services and their history; changes go through the directory's pages
and API, whose services keep the rules (codes, cost, moderation) and the filter facets."""

from django.contrib import admin
from parler.admin import TranslatableAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import Service


@admin.register(Service)
class ServiceAdmin(TranslatableAdmin, SimpleHistoryAdmin):
    list_display = (
        "__str__",
        "institution",
        "category",
        "status",
        "review_status",
        "last_confirmed",
        "is_sample",
    )
    list_filter = ("status", "review_status", "category", "cross_border", "is_sample")
    search_fields = ("ref", "translations__title", "institution__acronym")
    list_select_related = ("institution",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
