from django.urls import path

from . import views

urlpatterns = [
    path("plans/", views.PlanListApi.as_view(), name="plan-list"),
    path("plans/<slug:code>/", views.PlanDetailApi.as_view(), name="plan-detail"),
    path("plans/<slug:code>/versions/", views.VersionListApi.as_view(), name="plan-version-list"),
    path(
        "plans/<slug:code>/versions/<int:number>/diff/<int:other>/",
        views.VersionDiffApi.as_view(),
        name="plan-version-diff",
    ),
    path(
        "plans/<slug:code>/versions/<int:number>/import/",
        views.VersionImportApi.as_view(),
        name="plan-version-import",
    ),
    path(
        "plans/<slug:code>/versions/<int:number>/<str:action>/",
        views.VersionActionApi.as_view(),
        name="plan-version-action",
    ),
    path("plans/<slug:code>/rounds/", views.RoundListApi.as_view(), name="plan-round-list"),
    path("plan-items/", views.ItemListApi.as_view(), name="plan-item-list"),
    path("plan-items/<int:pk>/", views.ItemDetailApi.as_view(), name="plan-item-detail"),
    path("plan-items/<int:pk>/comments/", views.CommentListApi.as_view(), name="plan-comment-list"),
    path(
        "plan-comments/<int:pk>/resolve/",
        views.CommentResolveApi.as_view(),
        name="plan-comment-resolve",
    ),
    path("reporting-rounds/", views.RoundCreateApi.as_view(), name="reporting-round-create"),
    path(
        "reporting-rounds/<int:round_pk>/items/<int:item_pk>/report/",
        views.ReportPutApi.as_view(),
        name="progress-report-put",
    ),
    path("progress-reports/", views.ReportListApi.as_view(), name="progress-report-list"),
    path(
        "progress-reports/<int:pk>/<str:action>/",
        views.ReportReviewApi.as_view(),
        name="progress-report-review",
    ),
]
