from django.urls import path

from . import views

app_name = "knowledge"

urlpatterns = [
    path("", views.hub, name="hub"),
    path("my-practices/", views.my_practices, name="my-practices"),
    path("practices/new/", views.practice_create, name="practice-create"),
    path("practices/<int:pk>/", views.practice_detail, name="practice-detail"),
    path("practices/<int:pk>/edit/", views.practice_edit, name="practice-edit"),
    path("practices/<int:pk>/submit/", views.practice_submit, name="practice-submit"),
    path("practices/<int:pk>/withdraw/", views.practice_withdraw, name="practice-withdraw"),
    path("practices/<int:pk>/review/", views.practice_review, name="practice-review"),
    path("practices/<int:pk>/interest/", views.practice_interest, name="practice-interest"),
    path(
        "practices/<int:pk>/files/<int:attachment_pk>/",
        views.attachment_download,
        name="attachment",
    ),
    path("interests/<int:pk>/status/", views.interest_status, name="interest-status"),
    path("review/", views.review_queue, name="review-queue"),
    path("publications/new/", views.publication_create, name="publication-create"),
    path("publications/<int:pk>/", views.publication_detail, name="publication-detail"),
    path(
        "publications/<int:pk>/files/<str:language>/",
        views.publication_file,
        name="publication-file",
    ),
    path("sme-definitions/", views.sme_definitions, name="sme-definitions"),
]
