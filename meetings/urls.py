from django.urls import path

from . import views
from .calendar import CalendarFeedView

app_name = "meetings"

urlpatterns = [
    path("moter/", views.MeetingListView.as_view(), name="meeting-list"),
    path("moter/<int:pk>/", views.MeetingDetailView.as_view(), name="meeting-detail"),
    path("kalender.ics", CalendarFeedView.as_view(), name="calendar"),
]
