from django import forms
from django.contrib import admin
from parler.admin import TranslatableAdmin, TranslatableTabularInline
from simple_history.admin import SimpleHistoryAdmin

from smenet.common.errors import DomainError

from . import services
from .models import Body, Decision, Mandate, Position


class MandateAdminForm(forms.ModelForm):
    """The back office applies the same rules as the API (seats, good standing, term)."""

    class Meta:
        model = Mandate
        fields = [
            "position",
            "holder",
            "person",
            "start",
            "end",
            "decision",
            "ended_early_reason",
            "is_sample",
        ]

    def clean(self):
        data = super().clean()
        position, holder, start = data.get("position"), data.get("holder"), data.get("start")
        if position and holder and start:
            try:
                data["end"] = services.mandate_validate(
                    position=position,
                    holder=holder,
                    start=start,
                    end=data.get("end"),
                    exclude_pk=self.instance.pk,
                )
            except DomainError as exc:
                field = exc.field if exc.field in self.fields else None
                message = str(exc.message)
                raise forms.ValidationError({field: message} if field else message) from exc
            self.instance.exclusive = position.single_holder
        return data


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
    """Mandates usually come from decisions (the API or the services); edits here pass the same
    checks, and the database refuses overlaps on single-seat positions in any case."""

    form = MandateAdminForm
    list_display = ["holder", "position", "start", "end", "decision", "is_sample"]
    list_filter = ["position__body"]
    readonly_fields = ["exclusive"]
    autocomplete_fields = ["holder"]
