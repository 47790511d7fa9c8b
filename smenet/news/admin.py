from django.contrib import admin
from parler.admin import TranslatableAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import NewsArticle, NewsCategory


@admin.register(NewsArticle)
class NewsArticleAdmin(TranslatableAdmin, SimpleHistoryAdmin):
    list_display = ["slug", "__str__", "status", "publish_at", "original_language"]
    list_filter = ["status", "original_language"]
    readonly_fields = ["version"]


@admin.register(NewsCategory)
class NewsCategoryAdmin(TranslatableAdmin):
    list_display = ["code", "__str__"]
