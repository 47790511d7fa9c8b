from django.contrib import admin
from parler.admin import TranslatableAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import Meeting


@admin.register(Meeting)
class MeetingAdmin(TranslatableAdmin, SimpleHistoryAdmin):
    list_display = ["code", "__str__", "body", "start", "city", "country"]
