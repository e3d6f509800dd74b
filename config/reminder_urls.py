"""Reminder pages (see config/reminder_views.py)."""

from django.urls import path

from config import reminder_views

app_name = "reminders"

urlpatterns = [
    path("reminders/preferences/", reminder_views.preferences, name="preferences"),
    path("reminders/sent/", reminder_views.sent_list, name="sent-list"),
]
