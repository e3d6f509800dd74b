from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from meetings.models import (
    ActionPoint,
    AgendaItem,
    Attendance,
    CalendarFeed,
    Decision,
    ForwardPlanItem,
    Meeting,
)


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
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ["date", "partnership", "title", "status"]
    list_filter = ["status", "partnership__agreement"]
    search_fields = ["title", "partnership__name", "venue"]
    raw_id_fields = ["partnership", "chair", "minute_taker"]
    inlines = [AttendanceInline, AgendaItemInline]
    date_hierarchy = "date"


@admin.register(AgendaItem)
class AgendaItemAdmin(SimpleHistoryAdmin):
    list_display = ["number", "title", "meeting", "kind"]
    search_fields = ["title", "minutes"]
    raw_id_fields = ["meeting", "partnership", "presenters", "targets"]


@admin.register(Decision)
class DecisionAdmin(SimpleHistoryAdmin):
    list_display = ["text", "item"]
    search_fields = ["text"]
    raw_id_fields = ["item"]


@admin.register(ActionPoint)
class ActionPointAdmin(SimpleHistoryAdmin):
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
