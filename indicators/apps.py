from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "indicators"

    def ready(self) -> None:
        from evidence import hooks as evidence_hooks
        from indicators import evidence_rules as indicators_evidence
        from indicators import links
        from partnerships import hooks

        # A partnership's page links to its scorecard and exception report.
        hooks.partnership_links.register(links.partnership_links)
        # Its records take evidence (files and links), by its own rules.
        evidence_hooks.evidence_holders.register(indicators_evidence.evidence_holders)
