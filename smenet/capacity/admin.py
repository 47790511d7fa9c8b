from django.contrib import admin
from parler.admin import TranslatableAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Activity,
    ActivityTransition,
    ActivityType,
    Answer,
    Cycle,
    MatchingRun,
    Nomination,
    Proposal,
    ReminderLog,
    Response,
)


@admin.register(ActivityType)
class ActivityTypeAdmin(TranslatableAdmin):
    list_display = ["code", "__str__", "order"]


class AnswerInline(admin.TabularInline):
    model = Answer
    extra = 0


@admin.register(Cycle)
class CycleAdmin(TranslatableAdmin, SimpleHistoryAdmin):
    list_display = ["code", "__str__", "opens_on", "closes_on", "status", "is_sample"]


@admin.register(Response)
class ResponseAdmin(SimpleHistoryAdmin):
    list_display = ["institution", "cycle", "status", "submitted_at", "signed_off_at", "reopened"]
    list_filter = ["cycle", "status"]
    inlines = [AnswerInline]
    readonly_fields = ["version"]


@admin.register(ReminderLog)
class ReminderLogAdmin(admin.ModelAdmin):
    list_display = ["cycle", "institution", "sent_at"]


class ProposalInline(admin.TabularInline):
    model = Proposal
    extra = 0
    readonly_fields = ["provider", "beneficiary", "subject", "score"]


@admin.register(MatchingRun)
class MatchingRunAdmin(admin.ModelAdmin):
    list_display = ["pk", "cycle", "created_by", "created_at", "total_score"]
    readonly_fields = ["input", "output", "parameters"]
    inlines = [ProposalInline]


class TransitionInline(admin.TabularInline):
    model = ActivityTransition
    extra = 0
    readonly_fields = ["from_status", "to_status", "actor", "at", "reason"]


class NominationInline(admin.TabularInline):
    model = Nomination
    extra = 0


@admin.register(Activity)
class ActivityAdmin(TranslatableAdmin, SimpleHistoryAdmin):
    """Status changes go through the activity page (the lifecycle rules); shown read-only here."""

    list_display = ["reference", "__str__", "subject", "status", "starts_at", "is_sample"]
    list_filter = ["status", "subject", "type"]
    readonly_fields = ["status", "status_reason", "version"]
    filter_horizontal = ["providers", "beneficiaries"]
    inlines = [NominationInline, TransitionInline]
