from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = "Delivery plans"

    def ready(self) -> None:
        from partnerships import hooks
        from plans import links

        # A partnership's page links to its delivery plans.
        hooks.partnership_links.register(links.partnership_links)
