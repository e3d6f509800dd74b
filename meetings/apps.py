from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "meetings"

    def ready(self) -> None:
        from indicators import hooks
        from meetings.escalation import escalations

        # The exception report lists the overdue work escalated to the chair.
        hooks.exception_report_escalations.register(escalations)
