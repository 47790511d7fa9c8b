from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from parler.admin import TranslatableAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Country,
    CountryStatusChange,
    Institution,
    InstitutionStatusChange,
    Region,
    RoleAssignment,
    User,
)


class CountryStatusChangeInline(admin.TabularInline):
    model = CountryStatusChange
    extra = 0


class InstitutionStatusChangeInline(admin.TabularInline):
    model = InstitutionStatusChange
    extra = 0


@admin.register(Region)
class RegionAdmin(TranslatableAdmin):
    list_display = ["code", "__str__"]


@admin.register(Country)
class CountryAdmin(TranslatableAdmin, SimpleHistoryAdmin):
    list_display = ["iso3", "iso2", "__str__", "region", "joined", "status"]
    list_filter = ["region", "status"]
    search_fields = ["iso3", "iso2", "translations__name"]
    inlines = [CountryStatusChangeInline]

    def get_queryset(self, request):
        return (
            super().get_queryset(request).select_related("region").prefetch_related("translations")
        )


@admin.register(Institution)
class InstitutionAdmin(TranslatableAdmin, SimpleHistoryAdmin):
    list_display = [
        "acronym",
        "__str__",
        "country",
        "type",
        "category",
        "membership_status",
        "is_verified",
        "is_sample",
    ]
    list_filter = ["category", "type", "membership_status", "is_verified", "is_sample"]
    search_fields = ["acronym", "native_name", "translations__name"]
    readonly_fields = ["version", "created_at", "updated_at"]
    inlines = [InstitutionStatusChangeInline]
    autocomplete_fields = ["country"]

    def get_queryset(self, request):
        return (
            super().get_queryset(request).select_related("country").prefetch_related("translations")
        )


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0
    autocomplete_fields = ["institution"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["full_name"]
    list_display = ["email", "full_name", "institution", "is_staff", "is_active"]
    search_fields = ["email", "full_name"]
    list_filter = ["is_staff", "is_active", "role_assignments__role"]
    inlines = [RoleAssignmentInline]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Person"), {"fields": ("full_name", "title", "institution", "language")}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "full_name", "password1", "password2")}),
    )
    autocomplete_fields = ["institution"]
