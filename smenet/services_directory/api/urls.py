from django.urls import path

from . import views

urlpatterns = [
    path("services/", views.ServiceListApi.as_view(), name="service-list"),
    path("services/export/", views.ServiceExportApi.as_view(), name="service-export"),
    path("services/<int:pk>/", views.ServiceDetailApi.as_view(), name="service-detail"),
    path("services/<int:pk>/submit/", views.ServiceSubmitApi.as_view(), name="service-submit"),
    path("services/<int:pk>/publish/", views.ServicePublishApi.as_view(), name="service-publish"),
    path("services/<int:pk>/return/", views.ServiceReturnApi.as_view(), name="service-return"),
    path("services/<int:pk>/archive/", views.ServiceArchiveApi.as_view(), name="service-archive"),
    path("services/<int:pk>/restore/", views.ServiceRestoreApi.as_view(), name="service-restore"),
    path("services/<int:pk>/confirm/", views.ServiceConfirmApi.as_view(), name="service-confirm"),
]
