from django.apps import AppConfig


class ConfigConfig(AppConfig):
    """The project package: settings, root URLs, the pages that gather from every app."""

    name = "config"
    verbose_name = "Golden Thread"
