from django.contrib import admin
from parler.admin import TranslatableAdmin

from .models import Subject


@admin.register(Subject)
class SubjectAdmin(TranslatableAdmin):
    """The Secretariat edits the taxonomy here; codes stay stable, new subjects may be added."""

    list_display = ["code", "__str__", "order", "is_active"]
    list_editable = ["order", "is_active"]
    search_fields = ["code", "translations__name"]
