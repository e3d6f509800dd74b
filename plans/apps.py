from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = "Delivery plans"

    def ready(self) -> None:
        from evidence import hooks as evidence_hooks
        from indicators import hooks as indicator_hooks
        from partnerships import hooks
        from plans import evidence_rules as plans_evidence
        from plans import links

        # A partnership's page links to its delivery plans.
        hooks.partnership_links.register(links.partnership_links)
        # A target's page lists the plan actions serving it.
        indicator_hooks.target_page_sections.register(links.target_actions_section)
        # Its records take evidence (files and links), by its own rules.
        evidence_hooks.evidence_holders.register(plans_evidence.evidence_holders)
        # The exception report shows, under each exception, the plan actions answering it.
        indicator_hooks.exception_report_responses.register(links.exception_responses)
