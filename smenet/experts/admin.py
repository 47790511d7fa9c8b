"""The back office shows the roster and its history; changes go through the roster's pages,
whose services keep the consent rules (what is shown, what a withdrawal erases)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import ActivityExpert, Expert


@admin.register(Expert)
class ExpertAdmin(SimpleHistoryAdmin):
    list_display = (
        "full_name",
        "institution",
        "vetting",
        "listing",
        "consent_withdrawn_at",
        "is_sample",
    )
    list_filter = ("vetting", "listing", "availability", "is_sample")
    search_fields = ("full_name",)
    list_select_related = ("institution",)
    exclude = ("email", "phone", "summary", "cv")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ActivityExpert)
class ActivityExpertAdmin(admin.ModelAdmin):
    list_display = ("activity", "expert", "role", "added_at")
    list_select_related = ("activity", "expert")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
