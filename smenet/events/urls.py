from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("meetings/", views.meeting_list, name="list"),
    path("meetings/past/", views.meeting_list, {"when": "past"}, name="past"),
    path("meetings/calendar/", views.month_view, name="month-current"),
    path("meetings/calendar/<int:year>/<int:month>/", views.month_view, name="month"),
    path("meetings/mine/", views.my_meetings, name="mine"),
    path("meetings/calendar-address/", views.calendar_address, name="calendar-address"),
    path("meetings/documents/<int:pk>/", views.document_file, name="document-file"),
    path("meetings/<slug:code>.ics", views.meeting_ics, name="meeting-ics"),
    path("meetings/<slug:code>/", views.meeting_detail, name="meeting"),
    path("meetings/<slug:code>/participants/", views.participants, name="participants"),
    path("meetings/<slug:code>/register/", views.register, name="register"),
    path("meetings/<slug:code>/minutes/", views.minutes_page, name="minutes"),
    path(
        "meetings/<slug:code>/letters/<int:pk>/<str:lang>.pdf",
        views.invitation_letter,
        name="letter",
    ),
    path("decisions/", views.decision_register, name="decisions"),
    path("decisions/actions/<int:pk>/status/", views.follow_up_status, name="follow-up-status"),
    path("feeds/meetings.ics", views.meetings_feed, name="feed"),
    path("feeds/bodies/<slug:code>.ics", views.body_feed, name="body-feed"),
    path("feeds/my/<str:token>.ics", views.private_feed, name="private-feed"),
]
