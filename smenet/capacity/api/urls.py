from django.urls import path

from . import views

urlpatterns = [
    path("matching/run/", views.MatchingRunApi.as_view(), name="matching-run"),
    path("cycles/", views.CycleListApi.as_view(), name="cycle-list"),
    path(
        "cycles/<slug:code>/reminders/", views.CycleRemindersApi.as_view(), name="cycle-reminders"
    ),
    path(
        "cycles/<slug:code>/matching-runs/",
        views.CycleMatchingRunApi.as_view(),
        name="cycle-matching-runs",
    ),
    path(
        "cycles/<slug:code>/responses/<slug:slug>/",
        views.ResponseApi.as_view(),
        name="response-detail",
    ),
    path(
        "cycles/<slug:code>/responses/<slug:slug>/submit/",
        views.ResponseActionApi.as_view(action_name="submit"),
        name="response-submit",
    ),
    path(
        "cycles/<slug:code>/responses/<slug:slug>/sign-off/",
        views.ResponseActionApi.as_view(action_name="sign-off"),
        name="response-sign-off",
    ),
    path(
        "cycles/<slug:code>/responses/<slug:slug>/reopen/",
        views.ResponseActionApi.as_view(action_name="reopen"),
        name="response-reopen",
    ),
    path(
        "proposals/<int:pk>/accept/",
        views.ProposalDecisionApi.as_view(accept=True),
        name="proposal-accept",
    ),
    path(
        "proposals/<int:pk>/reject/",
        views.ProposalDecisionApi.as_view(accept=False),
        name="proposal-reject",
    ),
    path("activities/", views.ActivityListApi.as_view(), name="activity-list"),
    path("activities/report/", views.ActivityReportDataApi.as_view(), name="activity-report"),
    path("activities/<slug:reference>/", views.ActivityDetailApi.as_view(), name="activity-detail"),
    path(
        "activities/<slug:reference>/transition/",
        views.ActivityTransitionApi.as_view(),
        name="activity-transition",
    ),
    path(
        "activities/<slug:reference>/confirm/",
        views.ActivityConfirmApi.as_view(),
        name="activity-confirm",
    ),
    path(
        "activities/<slug:reference>/nominations/",
        views.NominationListApi.as_view(),
        name="activity-nominations",
    ),
    path(
        "nominations/<int:pk>/confirm/",
        views.NominationDecisionApi.as_view(confirm=True),
        name="nomination-confirm",
    ),
    path(
        "nominations/<int:pk>/decline/",
        views.NominationDecisionApi.as_view(confirm=False),
        name="nomination-decline",
    ),
]
