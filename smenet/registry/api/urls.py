from django.urls import path

from . import views

urlpatterns = [
    path("countries/", views.CountryListApi.as_view(), name="country-list"),
    path("countries/<str:iso3>/", views.CountryDetailApi.as_view(), name="country-detail"),
    path("institutions/", views.InstitutionListApi.as_view(), name="institution-list"),
    path(
        "institutions/<slug:slug>/", views.InstitutionDetailApi.as_view(), name="institution-detail"
    ),
]
