from django.apps import AppConfig


class FundingConfig(AppConfig):
    name = "funding"

    def ready(self) -> None:
        from funding.links import partnership_links
        from funding.meetings import decided_under_items
        from meetings import hooks
        from partnerships import hooks as partnership_hooks

        # A meeting's page lists the bids decided and underspends carried under each item.
        hooks.agenda_item_records.register(decided_under_items)
        # A partnership's page links to its bids.
        partnership_hooks.partnership_links.register(partnership_links)
