from django.urls import path

from . import views

app_name = "capacity"

urlpatterns = [
    path("", views.public_activities, name="public-activities"),
    path("cycles/", views.cycle_list, name="cycle-list"),
    path("cycles/new/", views.cycle_create, name="cycle-create"),
    path("cycles/<slug:code>/", views.cycle_dashboard, name="cycle-dashboard"),
    path("cycles/<slug:code>/answers/<slug:slug>/", views.response_edit, name="response-edit"),
    path("activities/<slug:reference>/", views.activity_detail, name="activity-detail"),
    path(
        "activities/<slug:reference>/certificates/<int:pk>.pdf",
        views.certificate,
        name="certificate",
    ),
    path("evaluate/<str:token>/", views.evaluation, name="evaluation"),
    path("reports/", views.reports, name="reports"),
    path("reports/export/", views.reports_export, name="reports-export"),
]
