from django.contrib import admin
from parler.admin import TranslatableAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import Meeting, MeetingDecision


@admin.register(Meeting)
class MeetingAdmin(TranslatableAdmin, SimpleHistoryAdmin):
    list_display = ["code", "__str__", "body", "start", "city", "country"]


@admin.register(MeetingDecision)
class MeetingDecisionAdmin(admin.ModelAdmin):
    list_display = ["meeting", "decision"]
    raw_id_fields = ["decision"]
