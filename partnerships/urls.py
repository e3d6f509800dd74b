from django.urls import path

from partnerships import plan_views, views

app_name = "partnerships"

urlpatterns = [
    path("partnerships/", views.partnership_list, name="partnership-list"),
    path("partnerships/<int:pk>/", views.partnership_detail, name="partnership-detail"),
    path("partnerships/<int:pk>/edit/", views.partnership_edit, name="partnership-edit"),
    path("partnerships/<int:pk>/members/add/", views.membership_add, name="membership-add"),
    path("memberships/<int:pk>/end/", views.membership_end, name="membership-end"),
    path("people/", views.person_list, name="person-list"),
    path("people/<int:pk>/", views.person_detail, name="person-detail"),
    path("organisations/", views.organisation_list, name="organisation-list"),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation-detail"),
    path("agreement/", views.agreement_structure, name="agreement-structure"),
    path("agreement/switch/", views.agreement_switch, name="agreement-switch"),
    # Delivery plans (workplans)
    path("plans/", plan_views.plan_list, name="plan-list"),
    path("plans/new/", plan_views.plan_create, name="plan-create"),
    path("plans/<int:pk>/", plan_views.plan_detail, name="plan-detail"),
    path("plans/<int:pk>/edit/", plan_views.plan_edit, name="plan-edit"),
    path("plans/<int:pk>/submit/", plan_views.plan_submit_view, name="plan-submit"),
    path("plans/<int:pk>/approve/", plan_views.plan_approve_view, name="plan-approve"),
    path("plans/<int:pk>/return/", plan_views.plan_return_view, name="plan-return"),
    path("plans/<int:pk>/changes/", plan_views.plan_changes, name="plan-changes"),
    path("plans/<int:pk>/history/", plan_views.plan_history, name="plan-history"),
    path("plans/<int:pk>/export/", plan_views.plan_export, name="plan-export"),
    path("plans/<int:pk>/import/", plan_views.plan_import, name="plan-import"),
    path(
        "partnerships/<int:pk>/next-meeting/",
        plan_views.next_meeting_set,
        name="next-meeting-set",
    ),
    path("plans/<int:pk>/actions/new/", plan_views.action_create, name="action-create"),
    path("plans/<int:pk>/risks/new/", plan_views.risk_create, name="risk-create"),
    path("plans/<int:pk>/funding/new/", plan_views.funding_line_create, name="funding-line-create"),
    path("plans/actions/<int:pk>/edit/", plan_views.action_edit, name="action-edit"),
    path("plans/actions/<int:pk>/delete/", plan_views.action_delete, name="action-delete"),
    path("plans/actions/<int:pk>/progress/", plan_views.action_progress, name="action-progress"),
    path("plans/risks/<int:pk>/edit/", plan_views.risk_edit, name="risk-edit"),
    path("plans/risks/<int:pk>/delete/", plan_views.risk_delete, name="risk-delete"),
    path("plans/funding/<int:pk>/edit/", plan_views.funding_line_edit, name="funding-line-edit"),
    path(
        "plans/funding/<int:pk>/delete/",
        plan_views.funding_line_delete,
        name="funding-line-delete",
    ),
]
