from django.urls import path

from . import views

urlpatterns = [
    path("search/", views.SearchApi.as_view(), name="search"),
    path("search/index/", views.SearchIndexApi.as_view(), name="search-index"),
]
