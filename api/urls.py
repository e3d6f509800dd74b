from django.urls import include, path
from rest_framework.routers import SimpleRouter

from api import open_data, tokens, views

app_name = "api"

router = SimpleRouter(use_regex_path=False)
router.register("agreements", views.AgreementViewSet, basename="api-agreement")
router.register("partnerships", views.PartnershipViewSet, basename="api-partnership")
router.register("indicators", views.IndicatorViewSet, basename="api-indicator")
router.register("targets", views.TargetViewSet, basename="api-target")
router.register("actuals", views.ActualViewSet, basename="api-actual")
router.register("data-returns", views.DataReturnViewSet, basename="api-data-return")
router.register("plans", views.PlanViewSet, basename="api-plan")
router.register("plan-actions", views.ActionViewSet, basename="api-plan-action")
router.register("meetings", views.MeetingViewSet, basename="api-meeting")
router.register("action-points", views.ActionPointViewSet, basename="api-action-point")
router.register("funds", views.FundViewSet, basename="api-fund")
router.register("allocations", views.AllocationViewSet, basename="api-allocation")
router.register("bids", views.BidViewSet, basename="api-bid")

urlpatterns = [
    path("api/v1/", include(router.urls)),
    path("api/v1/ratings/", views.RatingsView.as_view(), name="api-ratings"),
    path("api/v1/schema/", tokens.schema_view, name="api-schema"),
    path("api/docs/", tokens.docs_view, name="api-docs"),
    path("account/api-tokens/", tokens.token_list, name="token-list"),
    path("account/api-tokens/<int:pk>/revoke/", tokens.token_revoke, name="token-revoke"),
    path("agreement/open-data/", open_data.publication_edit, name="publication-edit"),
    path("open/<slug:slug>/scorecard/", open_data.scorecard, name="open-scorecard"),
    path("open/<slug:slug>/scorecard.csv", open_data.scorecard_csv, name="open-scorecard-csv"),
    path("open/<slug:slug>/scorecard.json", open_data.scorecard_json, name="open-scorecard-json"),
]
