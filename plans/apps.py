from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = "Delivery plans"

    def ready(self) -> None:
        from indicators import hooks as indicator_hooks
        from partnerships import hooks
        from plans import links

        # A partnership's page links to its delivery plans.
        hooks.partnership_links.register(links.partnership_links)
        # A target's page lists the plan actions serving it.
        indicator_hooks.target_page_sections.register(links.target_actions_section)
