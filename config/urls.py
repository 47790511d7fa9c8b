from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

urlpatterns = [
    path("api/v1/", include("smenet.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", include("smenet.web.health_urls")),
    path("sdmx/", include("smenet.statistics.sdmx_urls")),
]

# Pages carry their language in the URL (/ar/…, /fr/…; English unprefixed) so that links, caches
# and search engines see one language per URL.
urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("capacity/", include("smenet.capacity.urls")),
    path("plan/", include("smenet.plans.urls")),
    path("knowledge/", include("smenet.knowledge.urls")),
    path("search/", include("smenet.search.urls")),
    path("statistics/", include("smenet.statistics.urls")),
    path("jobs/", include("smenet.jobs.urls")),
    path("", include("smenet.registry.urls")),
    path("", include("smenet.governance.urls")),
    path("", include("smenet.web.urls")),
    prefix_default_language=False,
)
