from django.urls import path

from . import views

app_name = "experts"

urlpatterns = [
    path("", views.expert_list, name="list"),
    path("new/", views.expert_create, name="create"),
    path("<int:pk>/", views.expert_detail, name="detail"),
    path("<int:pk>/edit/", views.expert_edit, name="edit"),
    path("<int:pk>/consent/", views.expert_consent, name="consent"),
    path("<int:pk>/vet/", views.expert_vet, name="vet"),
    path("<int:pk>/cv/", views.expert_cv, name="cv"),
    path("activities/<slug:reference>/", views.activity_experts, name="activity"),
]
