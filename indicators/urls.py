"""Every page of the indicators app: the catalogue and targets, the reports, comparative
performance, data returns and the workbook. The period label of a return (``2009/10 Q1``)
holds a slash, so it comes last as a path."""

from django.urls import path

from indicators.views import (
    comparators,
    highlight,
    illustrative,
    national,
    reports,
    returns,
    targets,
    workbook,
)

app_name = "indicators"

urlpatterns = [
    path("indicators/", targets.indicator_list, name="indicator-list"),
    path("indicators/<int:pk>/", targets.indicator_detail, name="indicator-detail"),
    path(
        "indicators/<int:pk>/illustrative/",
        illustrative.indicator_illustrative,
        name="indicator-illustrative",
    ),
    path("indicators/targets/<int:pk>/", targets.target_detail, name="target-detail"),
    path("indicators/targets/<int:pk>/actuals/", targets.actual_save, name="actual-save"),
    path("indicators/targets/<int:pk>/edit/", targets.target_edit, name="target-edit"),
    path("indicators/targets/<int:pk>/profile/", targets.target_profile, name="target-profile"),
    # The National Indicator Set, and adding indicators to an agreement
    path("indicators/national/", national.national_list, name="national-list"),
    path("indicators/national/<int:pk>/title/", national.national_title, name="national-title"),
    path(
        "indicators/agreements/<int:pk>/add-national/",
        national.national_add,
        name="national-add",
    ),
    path(
        "indicators/agreements/<int:pk>/add-local/",
        national.local_indicator_add,
        name="local-indicator-add",
    ),
    # Reports
    path("indicators/scorecard/", reports.scorecard, name="scorecard"),
    path("indicators/exceptions/", reports.exception_report, name="exception-report"),
    path("indicators/highlight/", reports.highlight_report, name="highlight-report"),
    path(
        "indicators/highlight/themes/<int:pk>/edit/",
        reports.highlight_edit,
        name="highlight-edit",
    ),
    path(
        "indicators/highlight/agreements/<int:pk>/edit/",
        highlight.highlight_agreement_edit,
        name="highlight-agreement-edit",
    ),
    # Comparative performance
    path("indicators/family-groups/", comparators.family_group_list, name="family-group-list"),
    path(
        "indicators/family-groups/new/",
        comparators.family_group_create,
        name="family-group-create",
    ),
    path(
        "indicators/family-groups/<int:pk>/",
        comparators.family_group_detail,
        name="family-group-detail",
    ),
    path(
        "indicators/family-groups/<int:pk>/edit/",
        comparators.family_group_edit,
        name="family-group-edit",
    ),
    path("indicators/<int:pk>/compare/", comparators.comparison, name="comparison"),
    path(
        "indicators/comparators/",
        comparators.comparator_import_list,
        name="comparator-import-list",
    ),
    path(
        "indicators/comparators/import/",
        comparators.comparator_import_upload,
        name="comparator-import-upload",
    ),
    path(
        "indicators/comparators/import/<int:pk>/",
        comparators.comparator_import_detail,
        name="comparator-import-detail",
    ),
    # Data returns
    path("indicators/returns/", returns.return_list, name="return-list"),
    path(
        "indicators/targets/<int:pk>/returns/submit/<path:period>/",
        returns.return_submit,
        name="return-submit",
    ),
    path(
        "indicators/targets/<int:pk>/returns/approve/<path:period>/",
        returns.return_approve,
        name="return-approve",
    ),
    path(
        "indicators/targets/<int:pk>/returns/send-back/<path:period>/",
        returns.return_send_back,
        name="return-send-back",
    ),
    path(
        "indicators/targets/<int:pk>/returns/revise/<path:period>/",
        returns.return_revise,
        name="return-revise",
    ),
    path(
        "indicators/targets/<int:pk>/returns/<path:period>/",
        returns.return_detail,
        name="return-detail",
    ),
    # The indicators workbook
    path("indicators/import/", workbook.import_upload, name="import-upload"),
    path("indicators/import/preview/", workbook.import_preview, name="import-preview"),
    path("indicators/import/confirm/", workbook.import_confirm, name="import-confirm"),
    path("indicators/import/cancel/", workbook.import_cancel, name="import-cancel"),
    path("indicators/import/runs/<int:pk>/", workbook.import_run, name="import-run"),
    path("indicators/import/template.xlsx", workbook.import_template, name="import-template"),
    path("indicators/export.xlsx", workbook.workbook_export, name="workbook-export"),
]
