"""Report addresses, added to indicators/urls.py (app namespace "indicators")."""

from django.urls import path

from indicators import report_views

urlpatterns = [
    path("indicators/scorecard/", report_views.scorecard, name="scorecard"),
    path("indicators/exceptions/", report_views.exception_report, name="exception-report"),
    path("indicators/highlight/", report_views.highlight_report, name="highlight-report"),
    path(
        "indicators/highlight/themes/<int:pk>/edit/",
        report_views.highlight_edit,
        name="highlight-edit",
    ),
]
