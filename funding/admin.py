"""The admin for funds, allocations, bids, awards, spend and carry-forward."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from funding.models import (
    Allocation,
    Award,
    Bid,
    BidAmount,
    BidDecision,
    CarryForward,
    CommissioningRound,
    Fund,
    FundYear,
    RewardRule,
    Scenario,
    ScenarioMove,
    Spend,
)
from partnerships.conflicts import VersionedAdminMixin


class FundYearInline(admin.TabularInline):
    model = FundYear
    extra = 0


@admin.register(Fund)
class FundAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["name", "kind", "spend_type", "agreement"]
    list_filter = ["kind", "agreement"]
    raw_id_fields = ["agreement", "deciding_body"]
    inlines = [FundYearInline]


@admin.register(FundYear)
class FundYearAdmin(SimpleHistoryAdmin):
    list_display = ["fund", "year", "available"]
    raw_id_fields = ["fund"]


@admin.register(Allocation)
class AllocationAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["fund", "partnership", "year", "amount"]
    raw_id_fields = ["fund", "partnership"]


@admin.register(CommissioningRound)
class CommissioningRoundAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["title", "fund", "opens_on", "closes_on"]
    raw_id_fields = ["fund", "decision_meeting"]


class BidAmountInline(admin.TabularInline):
    model = BidAmount
    extra = 0


@admin.register(Bid)
class BidAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["title", "partnership", "fund", "status"]
    list_filter = ["status", "fund__kind"]
    search_fields = ["title", "partnership__name"]
    raw_id_fields = ["partnership", "fund", "round", "scheme_lead", "created_by"]
    filter_horizontal = ["targets", "actions", "funding_lines"]
    inlines = [BidAmountInline]


@admin.register(BidAmount)
class BidAmountAdmin(SimpleHistoryAdmin):
    list_display = ["bid", "year", "amount"]
    raw_id_fields = ["bid"]


@admin.register(BidDecision)
class BidDecisionAdmin(SimpleHistoryAdmin):
    list_display = ["bid", "from_status", "to_status", "decided_on", "decided_by"]
    raw_id_fields = ["bid", "decided_by", "meeting", "agenda_item"]


@admin.register(Award)
class AwardAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["bid", "year", "amount"]
    raw_id_fields = ["bid"]


@admin.register(Spend)
class SpendAdmin(SimpleHistoryAdmin):
    list_display = ["award", "quarter", "amount", "recorded_by"]
    raw_id_fields = ["award", "recorded_by"]


@admin.register(CarryForward)
class CarryForwardAdmin(SimpleHistoryAdmin):
    list_display = ["fund", "partnership", "from_year", "to_year", "amount", "agreed_by"]
    raw_id_fields = [
        "fund", "partnership", "award", "agreed_by", "meeting", "agenda_item", "recorded_by"
    ]  # fmt: skip


@admin.register(RewardRule)
class RewardRuleAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["agreement", "threshold", "is_pro_rata"]
    raw_id_fields = ["agreement"]


class ScenarioMoveInline(admin.TabularInline):
    model = ScenarioMove
    extra = 0
    raw_id_fields = ["from_allocation", "from_bid", "to_allocation", "to_bid", "created_by"]


@admin.register(Scenario)
class ScenarioAdmin(SimpleHistoryAdmin):
    list_display = ["name", "agreement", "created_by", "created_at"]
    raw_id_fields = ["agreement", "created_by"]
    inlines = [ScenarioMoveInline]


@admin.register(ScenarioMove)
class ScenarioMoveAdmin(SimpleHistoryAdmin):
    list_display = ["scenario", "amount", "created_by", "created_at"]
    raw_id_fields = [
        "scenario", "from_allocation", "from_bid", "to_allocation", "to_bid", "created_by"
    ]  # fmt: skip
