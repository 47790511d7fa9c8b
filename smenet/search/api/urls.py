from django.urls import path

from . import views

urlpatterns = [path("search/", views.SearchApi.as_view(), name="search")]
