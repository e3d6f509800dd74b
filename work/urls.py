from django.urls import path

from work import views

app_name = "work"

urlpatterns = [
    path("", views.home, name="home"),
    path("my-updates/", views.update_list_page, name="update-list"),
    path("reminders/preferences/", views.preferences, name="reminder-preferences"),
    path("reminders/sent/", views.sent_list, name="reminder-sent-list"),
]
