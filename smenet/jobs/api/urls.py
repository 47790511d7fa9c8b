from django.urls import path

from . import views

urlpatterns = [
    path("jobs/<int:pk>/", views.JobDetailApi.as_view(), name="job-detail"),
]
