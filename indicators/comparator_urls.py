"""Comparative performance URLs, added to the indicators app's patterns."""

from django.urls import path

from indicators import comparator_views as views

urlpatterns = [
    path("indicators/family-groups/", views.family_group_list, name="family-group-list"),
    path("indicators/family-groups/new/", views.family_group_create, name="family-group-create"),
    path(
        "indicators/family-groups/<int:pk>/",
        views.family_group_detail,
        name="family-group-detail",
    ),
    path(
        "indicators/family-groups/<int:pk>/edit/",
        views.family_group_edit,
        name="family-group-edit",
    ),
    path("indicators/<int:pk>/compare/", views.comparison, name="comparison"),
    path("indicators/comparators/", views.comparator_import_list, name="comparator-import-list"),
    path(
        "indicators/comparators/import/",
        views.comparator_import_upload,
        name="comparator-import-upload",
    ),
    path(
        "indicators/comparators/import/<int:pk>/",
        views.comparator_import_detail,
        name="comparator-import-detail",
    ),
]
