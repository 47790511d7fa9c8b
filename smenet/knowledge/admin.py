from django.contrib import admin
from parler.admin import TranslatableAdmin
from simple_history.admin import SimpleHistoryAdmin

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
class BestPracticeAdmin(TranslatableAdmin, SimpleHistoryAdmin):
    list_display = ["__str__", "ref", "country", "institution", "status", "year", "is_sample"]
    list_filter = ["status", "is_sample", "country"]
    search_fields = ["ref", "translations__title"]
    readonly_fields = ["status", "submitted_at", "published_at", "version"]
    inlines = [SubjectInline, LinkInline, AttachmentInline]


class PublicationFileInline(admin.TabularInline):
    model = PublicationFile
    extra = 0


@admin.register(Publication)
class PublicationAdmin(TranslatableAdmin, SimpleHistoryAdmin):
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
