from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from meetings.models import (
    ActionPoint,
    ActionUpdate,
    AgendaItem,
    Attendance,
    CalendarFeed,
    Decision,
    Declaration,
    ExpectedMember,
    ForwardPlanItem,
    Meeting,
    TermsOfReference,
)
from partnerships.conflicts import VersionedAdminMixin


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    raw_id_fields = ["person", "substitute_for"]


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    fields = ["number", "title", "kind"]
    show_change_link = True


@admin.register(Meeting)
class MeetingAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["date", "partnership", "title", "status"]
    list_filter = ["status", "partnership__agreement"]
    search_fields = ["title", "partnership__name", "venue"]
    raw_id_fields = ["partnership", "chair", "minute_taker"]
    inlines = [AttendanceInline, AgendaItemInline]
    date_hierarchy = "date"


@admin.register(AgendaItem)
class AgendaItemAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["number", "title", "meeting", "kind"]
    search_fields = ["title", "minutes"]
    raw_id_fields = ["meeting", "partnership", "presenters", "targets"]


@admin.register(Decision)
class DecisionAdmin(SimpleHistoryAdmin):
    list_display = ["text", "item"]
    search_fields = ["text"]
    raw_id_fields = ["item"]


@admin.register(ActionPoint)
class ActionPointAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["text", "status", "due_on", "item"]
    list_filter = ["status"]
    search_fields = ["text", "owner_groups"]
    raw_id_fields = ["item", "owners", "due_meeting"]


@admin.register(ForwardPlanItem)
class ForwardPlanItemAdmin(SimpleHistoryAdmin):
    list_display = ["title", "partnership", "meeting", "is_standing"]
    raw_id_fields = ["partnership", "meeting", "responsible", "about", "agenda_item"]


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    list_display = ["person", "created"]
    raw_id_fields = ["person"]
    readonly_fields = ["token"]


@admin.register(Attendance)
class AttendanceAdmin(SimpleHistoryAdmin):
    list_display = ["person", "meeting", "status", "substitute_for"]
    list_filter = ["status"]
    raw_id_fields = ["meeting", "person", "substitute_for"]


@admin.register(Declaration)
class DeclarationAdmin(SimpleHistoryAdmin):
    list_display = ["person", "meeting", "item"]
    raw_id_fields = ["meeting", "person", "item"]


@admin.register(ActionUpdate)
class ActionUpdateAdmin(SimpleHistoryAdmin):
    list_display = ["action", "on", "status", "by"]
    raw_id_fields = ["action", "by"]


class ExpectedMemberInline(admin.TabularInline):
    model = ExpectedMember
    extra = 0
    raw_id_fields = ["organisation", "person"]


@admin.register(TermsOfReference)
class TermsOfReferenceAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["partnership", "quorum_rule", "quorum_count", "chair_required"]
    raw_id_fields = ["partnership"]
    inlines = [ExpectedMemberInline]


@admin.register(ExpectedMember)
class ExpectedMemberAdmin(SimpleHistoryAdmin):
    list_display = ["terms", "organisation", "person", "seats"]
    raw_id_fields = ["terms", "organisation", "person"]
