from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "meetings"

    def ready(self) -> None:
        from indicators import hooks
        from meetings.due import meeting_dates
        from meetings.escalation import escalations
        from meetings.links import action_origins, partnership_links
        from partnerships import hooks as partnership_hooks
        from plans import hooks as plan_hooks

        # The exception report lists the overdue work escalated to the chair.
        hooks.exception_report_escalations.register(escalations)
        # The delivery plans' update deadlines hang on the partnerships' meetings.
        plan_hooks.meeting_dates.register(meeting_dates)
        # A plan action shows the meeting action point it was made from.
        plan_hooks.action_origins.register(action_origins)
        # A partnership's page links to its meetings and forward plan.
        partnership_hooks.partnership_links.register(partnership_links)
