from django.urls import path

from . import pack, views
from .calendar import CalendarFeedView

app_name = "meetings"

urlpatterns = [
    path("moter/", views.MeetingListView.as_view(), name="meeting-list"),
    path("moter/<int:pk>/", views.MeetingDetailView.as_view(), name="meeting-detail"),
    path("moter/<int:pk>/motepapirer/", pack.meeting_pack, name="meeting-pack"),
    path(
        "moter/<int:pk>/motepapirer/sak/<int:item_pk>/inhabil/",
        pack.disqualification_declare_view,
        name="disqualification-declare",
    ),
    path("kalender.ics", CalendarFeedView.as_view(), name="calendar"),
]
