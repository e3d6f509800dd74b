from django.urls import path

from meetings.views import action_points, items, meetings, outputs, plans, terms

app_name = "meetings"

urlpatterns = [
    path("meetings/", meetings.meeting_list, name="meeting-list"),
    path("meetings/new/", meetings.meeting_create, name="meeting-create"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting-detail"),
    path("meetings/<int:pk>/edit/", meetings.meeting_edit, name="meeting-edit"),
    path("meetings/<int:pk>/status/", meetings.meeting_status, name="meeting-status"),
    path(
        "meetings/<int:pk>/agenda/set-up/",
        meetings.meeting_agenda_set_up,
        name="meeting-agenda-set-up",
    ),
    path(
        "meetings/<int:pk>/approve-previous/",
        meetings.meeting_approve_previous,
        name="meeting-approve-previous",
    ),
    path("meetings/<int:pk>/attendance/", meetings.attendance_set, name="attendance-set"),
    path("meetings/<int:pk>/attendance/add/", meetings.attendance_add, name="attendance-add"),
    path("meetings/<int:pk>/declarations/add/", meetings.declaration_add, name="declaration-add"),
    path("meetings/<int:pk>/history/", meetings.meeting_history, name="meeting-history"),
    path(
        "meetings/partnership/<int:pk>/attendance/",
        terms.partnership_attendance_page,
        name="partnership-attendance",
    ),
    path("meetings/partnership/<int:pk>/terms/edit/", terms.terms_edit, name="terms-edit"),
    path("meetings/<int:pk>/items/add/", items.item_add, name="item-add"),
    path("meetings/items/<int:pk>/edit/", items.item_edit, name="item-edit"),
    path("meetings/items/<int:pk>/delete/", items.item_delete, name="item-delete"),
    path("meetings/items/<int:pk>/decisions/add/", items.decision_add, name="decision-add"),
    path("meetings/decisions/<int:pk>/delete/", items.decision_delete, name="decision-delete"),
    path("meetings/items/<int:pk>/actions/add/", items.action_add, name="action-add"),
    path("meetings/<int:pk>/minutes.pdf", outputs.minutes_pdf_view, name="minutes-pdf"),
    path("meetings/<int:pk>/minutes.docx", outputs.minutes_docx_view, name="minutes-docx"),
    path("meetings/<int:pk>/pack.pdf", outputs.pack_pdf_view, name="pack-pdf"),
    path("meetings/actions/", action_points.action_log, name="action-log"),
    path("meetings/actions/<int:pk>/", action_points.action_detail, name="action-detail"),
    path("meetings/actions/<int:pk>/edit/", action_points.action_edit, name="action-edit"),
    path("meetings/actions/<int:pk>/update/", action_points.action_update, name="action-update"),
    path("meetings/actions/<int:pk>/to-plan/", action_points.action_to_plan, name="action-to-plan"),
    path("meetings/forward-plan/<int:pk>/", plans.forward_plan_page, name="forward-plan"),
    path("meetings/forward-plan/<int:pk>/add/", plans.forward_plan_add, name="forward-plan-add"),
    path("meetings/calendar/", outputs.calendar_page, name="calendar"),
    path("meetings/calendar/<str:token>.ics", outputs.calendar_person, name="calendar-person"),
    path(
        "meetings/calendar/<str:token>/partnerships/<int:pk>.ics",
        outputs.calendar_partnership,
        name="calendar-partnership",
    ),
]
