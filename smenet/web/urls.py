from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("members/", views.member_directory, name="member-directory"),
    path("members/<slug:slug>/", views.institution_detail, name="institution-detail"),
    path("members/<slug:slug>/edit/", views.institution_edit, name="institution-edit"),
    path("countries/", views.country_list, name="country-list"),
    path("countries/<str:iso3>/", views.country_detail, name="country-detail"),
    path("governance/", views.governance_page, name="governance"),
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="web/login.html", redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
]
