from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from smenet.api import views

app_name = "api"

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its script as a file, so the page works under our CSP (no inline JS).
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api:schema", template_name="api/swagger_ui.html"
        ),
        name="docs",
    ),
    path("auth/token/", views.TokenCreateApi.as_view(), name="token"),
    path("me/", views.MeApi.as_view(), name="me"),
    path("", include("smenet.registry.api.urls")),
    path("", include("smenet.governance.api.urls")),
    path("", include("smenet.taxonomy.api.urls")),
    path("", include("smenet.capacity.api.urls")),
    path("", include("smenet.plans.api.urls")),
    path("", include("smenet.knowledge.api.urls")),
    path("", include("smenet.events.api.urls")),
    path("", include("smenet.news.api.urls")),
    path("", include("smenet.statistics.api.urls")),
    path("", include("smenet.services_directory.api.urls")),
    path("", include("smenet.experts.api.urls")),
    path("", include("smenet.search.api.urls")),
    path("", include("smenet.jobs.api.urls")),
]
