from django.urls import path

from . import views

urlpatterns = [
    path("subjects/", views.SubjectListApi.as_view(), name="subject-list"),
]
