from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "meetings"

    def ready(self) -> None:
        from evidence import hooks as evidence_hooks
        from indicators import hooks
        from meetings import evidence_rules as meetings_evidence
        from meetings.due import meeting_dates
        from meetings.escalation import escalations
        from meetings.links import action_origins, partnership_links
        from meetings.views.terms import attendance_section
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
        # ...and shows its attendance and quorum from the terms of reference.
        partnership_hooks.partnership_sections.register(attendance_section)
        # Its records take evidence (files and links), by its own rules.
        evidence_hooks.evidence_holders.register(meetings_evidence.evidence_holders)
