"""Back-office views of meetings. Writes with rules (status changes, minutes, register) go
through the pages and the API, which call the services; the admin is for inspection."""

from django.contrib import admin
from parler.admin import TranslatableAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Document,
    FollowUpAction,
    Invitation,
    Meeting,
    MeetingDecision,
    Minutes,
    Participant,
    SymbolRule,
)


@admin.register(Meeting)
class MeetingAdmin(TranslatableAdmin, SimpleHistoryAdmin):
    list_display = ["code", "__str__", "body", "start", "time_zone", "status", "city"]
    list_filter = ["status", "body", "mode"]
    readonly_fields = ["sequence", "version"]


@admin.register(Document)
class DocumentAdmin(TranslatableAdmin, SimpleHistoryAdmin):
    list_display = ["symbol", "__str__", "kind", "audience", "meeting"]
    list_filter = ["kind", "audience"]


@admin.register(FollowUpAction)
class FollowUpActionAdmin(TranslatableAdmin, SimpleHistoryAdmin):
    list_display = ["__str__", "decision", "owner", "due_on", "status"]
    list_filter = ["status"]


admin.site.register(Invitation)
admin.site.register(Participant, SimpleHistoryAdmin)
admin.site.register(Minutes, SimpleHistoryAdmin)
admin.site.register(MeetingDecision, SimpleHistoryAdmin)
admin.site.register(SymbolRule)
