"""URLs for importing and exporting the indicators workbook (added to indicators.urls)."""

from django.urls import path

from indicators import workbook_views

workbook_urls = [
    path("indicators/import/", workbook_views.import_upload, name="import-upload"),
    path("indicators/import/confirm/", workbook_views.import_confirm, name="import-confirm"),
    path("indicators/import/cancel/", workbook_views.import_cancel, name="import-cancel"),
    path(
        "indicators/import/template.xlsx",
        workbook_views.import_template,
        name="import-template",
    ),
    path("indicators/export.xlsx", workbook_views.workbook_export, name="workbook-export"),
]
