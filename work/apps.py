from django.apps import AppConfig


class WorkConfig(AppConfig):
    """What is due for whom across the apps: home and "my work", reminders, escalations."""

    name = "work"
    verbose_name = "Work and reminders"
