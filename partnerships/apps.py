from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = "Partnerships and agreements"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate
        from simple_history.signals import pre_create_historical_record

        from partnerships import clock, data_version

        pre_create_historical_record.connect(clock.stamp_history)

        # After every migrate, once all tables are there: the data version's triggers.
        post_migrate.connect(data_version.install, sender=self)
