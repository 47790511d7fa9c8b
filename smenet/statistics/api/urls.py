from django.urls import path

from . import views

urlpatterns = [
    path("indicators/", views.IndicatorListApi.as_view(), name="indicator-list"),
    path("indicators/<str:code>/", views.IndicatorDetailApi.as_view(), name="indicator-detail"),
    path("observations/", views.ObservationListApi.as_view(), name="observation-list"),
    path("observation-submissions/", views.SubmissionListApi.as_view(), name="submission-list"),
    path(
        "observation-submissions/<int:pk>/",
        views.SubmissionDetailApi.as_view(),
        name="submission-detail",
    ),
    path(
        "observation-submissions/<int:pk>/verify/",
        views.SubmissionVerifyApi.as_view(),
        name="submission-verify",
    ),
    path(
        "observation-submissions/<int:pk>/return/",
        views.SubmissionReturnApi.as_view(),
        name="submission-return",
    ),
    path("data-rounds/", views.DataRoundListApi.as_view(), name="data-round-list"),
    path("data-rounds/<slug:code>/", views.DataRoundDetailApi.as_view(), name="data-round-detail"),
    path(
        "data-rounds/<slug:code>/transition/",
        views.DataRoundTransitionApi.as_view(),
        name="data-round-transition",
    ),
]
