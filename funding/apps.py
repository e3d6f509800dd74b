from django.apps import AppConfig


class FundingConfig(AppConfig):
    name = "funding"

    def ready(self) -> None:
        from funding.meetings import decided_under_items
        from meetings import hooks

        # A meeting's page lists the bids decided and underspends carried under each item.
        hooks.agenda_item_records.register(decided_under_items)
