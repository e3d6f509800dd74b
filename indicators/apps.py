from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "indicators"

    def ready(self) -> None:
        from indicators import links
        from partnerships import hooks

        # A partnership's page links to its scorecard and exception report.
        hooks.partnership_links.register(links.partnership_links)
