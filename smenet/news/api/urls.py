from django.urls import path

from . import views

urlpatterns = [
    path("news/", views.NewsListApi.as_view(), name="news-list"),
    path("news/<slug:slug>/", views.NewsDetailApi.as_view(), name="news-detail"),
    path("news/<slug:slug>/publish/", views.NewsPublishApi.as_view(), name="news-publish"),
]
