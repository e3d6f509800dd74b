from django.urls import path

from work import views

app_name = "work"

urlpatterns = [
    path("", views.home, name="home"),
    path("reminders/preferences/", views.preferences, name="reminder-preferences"),
    path("reminders/sent/", views.sent_list, name="reminder-sent-list"),
]
