from django.contrib import admin
from parler.admin import TranslatableAdmin, TranslatableTabularInline
from simple_history.admin import SimpleHistoryAdmin

from .models import Body, Decision, Mandate, Position


class PositionInline(TranslatableTabularInline):
    model = Position
    extra = 0


@admin.register(Body)
class BodyAdmin(TranslatableAdmin, SimpleHistoryAdmin):
    list_display = ["code", "__str__", "kind", "term_years", "established_on"]
    inlines = [PositionInline]


@admin.register(Decision)
class DecisionAdmin(TranslatableAdmin, SimpleHistoryAdmin):
    list_display = ["reference", "__str__", "body", "date", "kind", "voting", "is_sample"]
    list_filter = ["body", "kind", "voting"]
    search_fields = ["reference", "translations__title"]


@admin.register(Mandate)
class MandateAdmin(SimpleHistoryAdmin):
    """Read-mostly here: mandates are created by decisions (the API or the services), which check
    the seat and good-standing rules; the database refuses overlaps on single-seat positions."""

    list_display = ["holder", "position", "start", "end", "decision", "is_sample"]
    list_filter = ["position__body"]
    readonly_fields = ["exclusive"]
    autocomplete_fields = ["holder"]
