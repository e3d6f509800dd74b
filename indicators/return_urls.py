"""Data returns: the list, one return, and its workflow posts (indicators/return_views.py).
The period label (``2009/10 Q1``) holds a slash, so it comes last as a path."""

from django.urls import path

from indicators import return_views

urlpatterns = [
    path("indicators/returns/", return_views.return_list, name="return-list"),
    path(
        "indicators/targets/<int:pk>/returns/submit/<path:period>/",
        return_views.return_submit,
        name="return-submit",
    ),
    path(
        "indicators/targets/<int:pk>/returns/approve/<path:period>/",
        return_views.return_approve,
        name="return-approve",
    ),
    path(
        "indicators/targets/<int:pk>/returns/send-back/<path:period>/",
        return_views.return_send_back,
        name="return-send-back",
    ),
    path(
        "indicators/targets/<int:pk>/returns/revise/<path:period>/",
        return_views.return_revise,
        name="return-revise",
    ),
    path(
        "indicators/targets/<int:pk>/returns/<path:period>/",
        return_views.return_detail,
        name="return-detail",
    ),
]
