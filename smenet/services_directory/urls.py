from django.urls import path

from . import views

app_name = "services_directory"

urlpatterns = [
    path("", views.finder, name="finder"),
    path("guide/", views.guided, name="guide"),
    path("compare/", views.compare, name="compare"),
    path("export.csv", views.export, {"fmt": "csv"}, name="export-csv"),
    path("export.xlsx", views.export, {"fmt": "xlsx"}, name="export-xlsx"),
    path("mine/", views.mine, name="mine"),
    path("new/", views.create, name="create"),
    path("import/", views.import_file, name="import"),
    path("review/", views.review_queue, name="review-queue"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/step/", views.step, name="step"),
]
