from django.urls import path

from . import views

urlpatterns = [
    path("experts/", views.ExpertListApi.as_view(), name="expert-list"),
    path("experts/<int:pk>/", views.ExpertDetailApi.as_view(), name="expert-detail"),
]
