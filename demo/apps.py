from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo agreements, loaded by `manage.py seed_demo`. No app imports it."""

    name = "demo"
    verbose_name = "Demo data"
