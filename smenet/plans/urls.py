from django.urls import path

from . import views

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="list"),
    path("<slug:code>/", views.plan_detail, name="detail"),
    path("<slug:code>/progress/", views.progress, name="progress"),
    path("<slug:code>/dashboard/", views.dashboard, name="dashboard"),
    path("<slug:code>/timeline/", views.timeline, name="timeline"),
    path("<slug:code>/diff/", views.version_diff, name="diff"),
    path("<slug:code>/v<int:number>/items/new/", views.item_create, name="item-create"),
    path("<slug:code>/v<int:number>/import/", views.plan_import, name="import"),
    path("<slug:code>/v<int:number>/<str:action>/", views.version_action, name="version-action"),
    path("<slug:code>/items/<int:pk>/", views.item_detail, name="item"),
    path("<slug:code>/comments/<int:pk>/resolve/", views.comment_resolve, name="comment-resolve"),
    path("<slug:code>/commitments/", views.commitments, name="my-commitments"),
    path("<slug:code>/commitments/<slug:slug>/", views.commitments, name="commitments"),
    path("<slug:code>/rounds/", views.rounds, name="rounds"),
    path("<slug:code>/rounds/<int:pk>/", views.round_detail, name="round"),
    path("<slug:code>/rounds/<int:pk>/items/<int:item_pk>/", views.report_edit, name="report"),
    path("<slug:code>/reports/<int:pk>/review/", views.report_review, name="report-review"),
    path("<slug:code>/evidence/<int:pk>/", views.evidence_download, name="evidence"),
    path("<slug:code>/report.pdf", views.report_pdf, name="report-pdf"),
    path("<slug:code>/report.xlsx", views.report_xlsx, name="report-xlsx"),
    path("<slug:code>/export.<str:fmt>", views.plan_export, name="export"),
]
