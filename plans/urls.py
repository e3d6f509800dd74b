from django.urls import path

from plans.views import parts, plans, thread

app_name = "plans"

urlpatterns = [
    path("plans/", plans.plan_list, name="plan-list"),
    path("plans/new/", plans.plan_create, name="plan-create"),
    path("plans/<int:pk>/", plans.plan_detail, name="plan-detail"),
    path("plans/<int:pk>/edit/", plans.plan_edit, name="plan-edit"),
    path("plans/<int:pk>/submit/", plans.plan_submit_view, name="plan-submit"),
    path("plans/<int:pk>/approve/", plans.plan_approve_view, name="plan-approve"),
    path("plans/<int:pk>/return/", plans.plan_return_view, name="plan-return"),
    path("plans/<int:pk>/changes/", plans.plan_changes, name="plan-changes"),
    path("plans/<int:pk>/history/", plans.plan_history, name="plan-history"),
    path("plans/<int:pk>/export/", plans.plan_export, name="plan-export"),
    path("plans/<int:pk>/import/", plans.plan_import, name="plan-import"),
    path(
        "partnerships/<int:pk>/next-meeting/",
        plans.next_meeting_set,
        name="next-meeting-set",
    ),
    path("plans/<int:pk>/actions/new/", parts.action_create, name="action-create"),
    path("plans/<int:pk>/risks/new/", parts.risk_create, name="risk-create"),
    path("plans/<int:pk>/funding/new/", parts.funding_line_create, name="funding-line-create"),
    path("plans/actions/<int:pk>/edit/", parts.action_edit, name="action-edit"),
    path("plans/actions/<int:pk>/delete/", parts.action_delete, name="action-delete"),
    path("plans/actions/<int:pk>/progress/", plans.action_progress, name="action-progress"),
    path("plans/risks/<int:pk>/edit/", parts.risk_edit, name="risk-edit"),
    path("plans/risks/<int:pk>/delete/", parts.risk_delete, name="risk-delete"),
    path("plans/funding/<int:pk>/edit/", parts.funding_line_edit, name="funding-line-edit"),
    path(
        "plans/funding/<int:pk>/delete/",
        parts.funding_line_delete,
        name="funding-line-delete",
    ),
    path("plans/thread/", thread.thread, name="thread"),
    path("plans/impact/", thread.impact, name="impact-map"),
]
