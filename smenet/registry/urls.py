from django.urls import path

from . import views

app_name = "registry"

urlpatterns = [
    path("members/", views.member_directory, name="member-directory"),
    path("members/<slug:slug>/", views.institution_detail, name="institution-detail"),
    path("members/<slug:slug>/edit/", views.institution_edit, name="institution-edit"),
    path("countries/", views.country_list, name="country-list"),
    path("countries/<str:iso3>/", views.country_detail, name="country-detail"),
]
