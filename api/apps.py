from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "API and open data"

    def ready(self) -> None:
        from simple_history.signals import pre_create_historical_record

        import api.schema  # noqa: F401  (registers the bearer scheme)
        from api.history import mark_via_api

        pre_create_historical_record.connect(mark_via_api, dispatch_uid="api-via-api")
