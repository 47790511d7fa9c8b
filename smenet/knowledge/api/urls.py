from django.urls import path

from . import views

urlpatterns = [
    path("best-practices/", views.BestPracticeListApi.as_view(), name="best-practice-list"),
    path(
        "best-practices/<int:pk>/",
        views.BestPracticeDetailApi.as_view(),
        name="best-practice-detail",
    ),
    path(
        "best-practices/<int:pk>/submit/",
        views.BestPracticeSubmitApi.as_view(),
        name="best-practice-submit",
    ),
    path(
        "best-practices/<int:pk>/withdraw/",
        views.BestPracticeWithdrawApi.as_view(),
        name="best-practice-withdraw",
    ),
    path(
        "best-practices/<int:pk>/return/",
        views.BestPracticeReturnApi.as_view(),
        name="best-practice-return",
    ),
    path(
        "best-practices/<int:pk>/publish/",
        views.BestPracticePublishApi.as_view(),
        name="best-practice-publish",
    ),
    path(
        "best-practices/<int:pk>/interest/",
        views.BestPracticeInterestApi.as_view(),
        name="best-practice-interest",
    ),
    path("publications/", views.PublicationListApi.as_view(), name="publication-list"),
    path("sme-definitions/", views.SmeDefinitionListApi.as_view(), name="sme-definition-list"),
]
