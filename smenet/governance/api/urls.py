from django.urls import path

from . import views

urlpatterns = [
    path("bodies/", views.BodyListApi.as_view(), name="body-list"),
    path("mandates/", views.MandateListApi.as_view(), name="mandate-list"),
]
