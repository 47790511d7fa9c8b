from django.urls import path

from . import views, views_rounds

app_name = "statistics"

urlpatterns = [
    path("", views.index, name="index"),
    path("indicators/<str:code>/", views.indicator_page, name="indicator"),
    path("countries/<str:iso3>/", views.country_page, name="country"),
    path("map/", views.map_page, name="map"),
    path("aggregates/", views.aggregates_page, name="aggregates"),
    path("export/", views.export, name="export"),
    path("import/", views.import_page, name="import"),
    path("rounds/", views_rounds.round_list, name="rounds"),
    path("rounds/new/", views_rounds.round_create, name="round-create"),
    path("rounds/<slug:code>/", views_rounds.round_detail, name="round"),
    path("rounds/<slug:code>/status/", views_rounds.round_status, name="round-status"),
    path("rounds/<slug:code>/reminders/", views_rounds.round_reminders, name="round-reminders"),
    path("rounds/<slug:code>/submit/", views_rounds.submission_create, name="submission-create"),
    path("submissions/<int:pk>/edit/", views_rounds.submission_edit, name="submission-edit"),
    path("verification/", views_rounds.verification_queue, name="verification"),
    path("submissions/<int:pk>/review/", views_rounds.submission_review, name="submission-review"),
]
