from django.contrib import admin
from parler.admin import TranslatableAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import Plan, PlanItem, PlanVersion, ProgressReport, ReminderLog, ReportingRound


@admin.register(Plan)
class PlanAdmin(TranslatableAdmin, SimpleHistoryAdmin):
    list_display = ["code", "period_start", "period_end", "status", "is_sample"]


@admin.register(PlanVersion)
class PlanVersionAdmin(SimpleHistoryAdmin):
    list_display = ["plan", "number", "status", "decision"]
    list_filter = ["status"]
    # Workflow changes go through the services (pages and API), never through raw edits.
    readonly_fields = ["plan", "number", "status", "decision", "based_on", "adopted_on"]


@admin.register(PlanItem)
class PlanItemAdmin(TranslatableAdmin):
    list_display = ["__str__", "plan_version", "depth", "lead", "status", "percent"]
    list_filter = ["plan_version", "status"]
    list_select_related = ["plan_version__plan", "lead"]


@admin.register(ReportingRound)
class ReportingRoundAdmin(SimpleHistoryAdmin):
    list_display = ["label", "plan_version", "opens_on", "deadline", "status"]


@admin.register(ProgressReport)
class ProgressReportAdmin(SimpleHistoryAdmin):
    list_display = ["round", "item", "status", "progress_status", "percent"]
    list_filter = ["status", "progress_status"]


@admin.register(ReminderLog)
class ReminderLogAdmin(admin.ModelAdmin):
    list_display = ["round", "email", "days_before", "pending_items", "sent_at"]
