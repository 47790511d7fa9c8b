from django.urls import path

from . import views

urlpatterns = [
    path("meetings/", views.MeetingListApi.as_view(), name="meeting-list"),
    path("meetings/<slug:code>/", views.MeetingDetailApi.as_view(), name="meeting-detail"),
    path("meetings/<slug:code>/status/", views.MeetingStatusApi.as_view(), name="meeting-status"),
    path("meetings/<slug:code>/agenda/", views.AgendaApi.as_view(), name="meeting-agenda"),
    path(
        "meetings/<slug:code>/agenda/status/",
        views.AgendaStatusApi.as_view(),
        name="meeting-agenda-status",
    ),
    path(
        "meetings/<slug:code>/invitations/",
        views.InvitationApi.as_view(),
        name="meeting-invitations",
    ),
    path(
        "meetings/<slug:code>/participants/",
        views.ParticipantListApi.as_view(),
        name="meeting-participants",
    ),
    path(
        "meetings/<slug:code>/attendance/", views.AttendanceApi.as_view(), name="meeting-attendance"
    ),
    path(
        "meetings/<slug:code>/documents/", views.DocumentListApi.as_view(), name="meeting-documents"
    ),
    path("meetings/<slug:code>/minutes/", views.MinutesApi.as_view(), name="meeting-minutes"),
    path(
        "meetings/<slug:code>/minutes/comments/",
        views.MinutesCommentApi.as_view(),
        name="meeting-minutes-comments",
    ),
    path(
        "participants/<int:pk>/decision/",
        views.ParticipantDecisionApi.as_view(),
        name="participant-decision",
    ),
    path("documents/<int:pk>/files/", views.DocumentFileApi.as_view(), name="document-files"),
    path("decisions/", views.DecisionListApi.as_view(), name="decision-list"),
    path(
        "decisions/<str:reference>/actions/",
        views.FollowUpCreateApi.as_view(),
        name="decision-actions",
    ),
    path("actions/<int:pk>/", views.FollowUpDetailApi.as_view(), name="action-detail"),
]
