from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = "Partnerships and agreements"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in, user_login_failed
        from django.db.models.signals import post_migrate
        from simple_history.signals import pre_create_historical_record

        from partnerships import clock, data_version, signins

        pre_create_historical_record.connect(clock.stamp_history)
        # The sign-in log and each session's row (docs/security.md).
        user_logged_in.connect(signins.on_user_logged_in, dispatch_uid="gt_sign_in")
        user_login_failed.connect(signins.on_user_login_failed, dispatch_uid="gt_sign_in_failed")

        # After every migrate, once all tables are there: the data version's triggers.
        post_migrate.connect(data_version.install, sender=self)
