from django.urls import path

from . import views

app_name = "knowledge"

urlpatterns = [
    path("", views.hub, name="hub"),
    path("practices/<int:pk>/", views.practice_detail, name="practice-detail"),
    path("publications/<int:pk>/", views.publication_detail, name="publication-detail"),
    path("sme-definitions/", views.sme_definitions, name="sme-definitions"),
]
