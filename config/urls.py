from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from smenet.web.views import favicon

urlpatterns = [
    path("api/v1/", include("smenet.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", include("smenet.web.health_urls")),
    path("sdmx/", include("smenet.statistics.sdmx_urls")),
    path("favicon.ico", favicon),
]

# Pages carry their language in the URL (/ar/…, /fr/…; English unprefixed) so that links, caches
# and search engines see one language per URL.
urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("capacity/", include("smenet.capacity.urls")),
    path("plan/", include("smenet.plans.urls")),
    path("knowledge/", include("smenet.knowledge.urls")),
    path("services/", include("smenet.services_directory.urls")),
    path("experts/", include("smenet.experts.urls")),
    path("search/", include("smenet.search.urls")),
    path("", include("smenet.events.urls")),
    path("", include("smenet.news.urls")),
    path("statistics/", include("smenet.statistics.urls")),
    path("jobs/", include("smenet.jobs.urls")),
    path("", include("smenet.registry.urls")),
    path("", include("smenet.governance.urls")),
    path("", include("smenet.web.urls")),
    prefix_default_language=False,
)

# The site's error pages, in its layout and the visitor's language (smenet/web/errors.py).
handler400 = "smenet.web.errors.bad_request"
handler403 = "smenet.web.errors.forbidden"
handler404 = "smenet.web.errors.not_found"
handler500 = "smenet.web.errors.server_error"
