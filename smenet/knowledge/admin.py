from django.contrib import admin
from parler.admin import TranslatableAdmin
from simple_history.admin import SimpleHistoryAdmin

from smenet.common import versioning
from smenet.search.indexing import schedule

from .models import (
    BestPractice,
    BestPracticeAttachment,
    BestPracticeLink,
    BestPracticeSubject,
    Publication,
    PublicationFile,
    ReplicationInterest,
    SmeDefinition,
)


class ReindexMixin:
    """Admin edits re-index the object for search as the services do: scheduled once the
    object, its translations and its inlines (subjects, files) are saved, run after commit."""

    search_type: str

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        schedule(self.search_type, [form.instance.pk])

    def delete_model(self, request, obj):
        pk = obj.pk
        super().delete_model(request, obj)
        schedule(self.search_type, [pk])

    def delete_queryset(self, request, queryset):
        pks = list(queryset.values_list("pk", flat=True))
        super().delete_queryset(request, queryset)
        schedule(self.search_type, pks)


class SubjectInline(admin.TabularInline):
    model = BestPracticeSubject
    extra = 0


class LinkInline(admin.TabularInline):
    model = BestPracticeLink
    extra = 0


class AttachmentInline(admin.TabularInline):
    model = BestPracticeAttachment
    extra = 0


@admin.register(BestPractice)
class BestPracticeAdmin(ReindexMixin, TranslatableAdmin, SimpleHistoryAdmin):
    search_type = "best_practice"
    list_display = ["__str__", "ref", "country", "institution", "status", "year", "is_sample"]
    list_filter = ["status", "is_sample", "country"]
    search_fields = ["ref", "translations__title"]
    readonly_fields = ["status", "submitted_at", "published_at", "version"]
    inlines = [SubjectInline, LinkInline, AttachmentInline]

    def save_model(self, request, obj, form, change):
        if change:  # copies opened in the pages before this edit are now stale
            obj.version = versioning.locked_version(obj)
            versioning.bump(obj, actor=request.user)
        super().save_model(request, obj, form, change)


class PublicationFileInline(admin.TabularInline):
    model = PublicationFile
    extra = 0


@admin.register(Publication)
class PublicationAdmin(ReindexMixin, TranslatableAdmin, SimpleHistoryAdmin):
    search_type = "publication"
    list_display = ["__str__", "kind", "date", "confidentiality", "is_sample"]
    list_filter = ["kind", "confidentiality"]
    inlines = [PublicationFileInline]


@admin.register(ReplicationInterest)
class ReplicationInterestAdmin(admin.ModelAdmin):
    list_display = ["best_practice", "institution", "status", "created_at"]
    list_filter = ["status"]


@admin.register(SmeDefinition)
class SmeDefinitionAdmin(admin.ModelAdmin):
    list_display = ["country", "size_class", "max_employees", "other_criterion"]
    list_filter = ["size_class"]
