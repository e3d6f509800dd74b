from django.urls import path

from funding import exports, views, views_reward, views_scenarios

app_name = "funding"

urlpatterns = [
    path("funding/", views.position, name="position"),
    path("funding/funds/", views.fund_list, name="fund-list"),
    path("funding/funds/new/", views.fund_create, name="fund-create"),
    path("funding/funds/<int:pk>/", views.fund_detail, name="fund-detail"),
    path("funding/funds/<int:pk>/edit/", views.fund_edit, name="fund-edit"),
    path("funding/funds/<int:pk>/years/new/", views.fund_year_create, name="fund-year-create"),
    path(
        "funding/funds/<int:pk>/allocations/new/",
        views.allocation_create,
        name="allocation-create",
    ),
    path("funding/allocations/<int:pk>/edit/", views.allocation_edit, name="allocation-edit"),
    path("funding/funds/<int:pk>/rounds/new/", views.round_create, name="round-create"),
    path("funding/rounds/<int:pk>/", views.round_detail, name="round-detail"),
    path("funding/rounds/<int:pk>/edit/", views.round_edit, name="round-edit"),
    path("funding/carry-forward/new/", views.carry_forward_create, name="carry-forward-create"),
    path("funding/bids/", views.bid_list, name="bid-list"),
    path("funding/bids/new/", views.bid_create, name="bid-create"),
    path("funding/bids/<int:pk>/", views.bid_detail, name="bid-detail"),
    path("funding/bids/<int:pk>/edit/", views.bid_edit, name="bid-edit"),
    path("funding/bids/<int:pk>/submit/", views.bid_submit, name="bid-submit"),
    path("funding/bids/<int:pk>/decide/", views.bid_decide, name="bid-decide"),
    path("funding/awards/<int:pk>/spend/", views.spend_record, name="spend-record"),
    path("funding/awards/<int:pk>/edit/", views.award_edit, name="award-edit"),
    path("funding/modelling/", views.modelling, name="modelling"),
    path("funding/reward/", views.reward, name="reward"),
    path(
        "funding/agreements/<int:agreement_pk>/reward-rule/",
        views_reward.reward_rule_edit,
        name="reward-rule-edit",
    ),
    path("funding/scenarios/", views_scenarios.scenario_list, name="scenario-list"),
    path("funding/scenarios/compare/", views_scenarios.scenario_compare, name="scenario-compare"),
    path("funding/scenarios/<int:pk>/", views_scenarios.scenario_detail, name="scenario-detail"),
    path(
        "funding/scenarios/<int:pk>/moves/",
        views_scenarios.scenario_move_add,
        name="scenario-move-add",
    ),
    path(
        "funding/scenarios/<int:pk>/moves/<int:move_pk>/delete/",
        views_scenarios.scenario_move_delete,
        name="scenario-move-delete",
    ),
    path(
        "funding/scenarios/<int:pk>/delete/",
        views_scenarios.scenario_delete,
        name="scenario-delete",
    ),
    path(
        "funding/scenarios/<int:pk>.xlsx", views_scenarios.scenario_export, name="scenario-export"
    ),
    path("funding/statement/", exports.statement, name="statement"),
    path("funding/statement.pdf", exports.statement_pdf, name="statement-pdf"),
    path("funding/ledger.xlsx", exports.ledger, name="ledger"),
]
