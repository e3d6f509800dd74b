from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from partnerships.conflicts import VersionedAdminMixin
from plans.models import Action, DeliveryPlan, FundingLine, Milestone, Risk


class ActionInline(admin.TabularInline):
    model = Action
    extra = 0
    fields = ["ref", "title", "lead", "starts_on", "due_on", "status", "percent_complete"]
    raw_id_fields = ["lead"]
    show_change_link = True


class RiskInline(admin.TabularInline):
    model = Risk
    extra = 0
    fields = ["description", "likelihood", "impact", "owner", "status"]
    raw_id_fields = ["owner"]


class FundingLineInline(admin.TabularInline):
    model = FundingLine
    extra = 0
    raw_id_fields = ["action"]


@admin.register(DeliveryPlan)
class DeliveryPlanAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["title", "partnership", "status", "version", "updated_at"]
    list_filter = ["status", "partnership__agreement"]
    search_fields = ["title", "partnership__name"]
    raw_id_fields = ["partnership", "owner", "submitted_by", "approved_by"]
    filter_horizontal = ["targets", "outcomes"]
    inlines = [ActionInline, RiskInline, FundingLineInline]


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


@admin.register(Action)
class ActionAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["__str__", "plan", "lead", "due_on", "status", "percent_complete"]
    list_filter = ["status", "plan__partnership__agreement"]
    search_fields = ["title", "ref", "plan__title"]
    raw_id_fields = ["plan", "lead", "progress_updated_by"]
    filter_horizontal = ["targets", "contributors", "contributing_organisations"]
    inlines = [MilestoneInline]


@admin.register(Milestone)
class MilestoneAdmin(SimpleHistoryAdmin):
    list_display = ["title", "action", "due_on"]
    raw_id_fields = ["action"]


@admin.register(Risk)
class RiskAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["description", "plan", "likelihood", "impact", "status"]
    list_filter = ["status"]
    raw_id_fields = ["plan", "owner"]
    filter_horizontal = ["actions", "targets"]


@admin.register(FundingLine)
class FundingLineAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["__str__", "plan", "action", "amount"]
    raw_id_fields = ["plan", "action"]
