"""Cross-app plan pages: the golden thread and the impact map (see config/plans_views.py)."""

from django.urls import path

from config import plans_views

app_name = "plans"

urlpatterns = [
    path("plans/thread/", plans_views.thread, name="thread"),
    path("plans/impact/", plans_views.impact, name="impact-map"),
]
