"""`manage.py reset_two_factor EMAIL`: someone lost their authenticator app and their
recovery codes. Removes their devices and signs them out everywhere; at their next sign-in
they set up a new app (docs/security.md says how to check it is them first)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from partnerships import sessions, two_factor
from partnerships.models import User


class Command(BaseCommand):
    help = "Reset a person's two-factor authentication (a lost device) and sign them out."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")

    def handle(self, *args: Any, email: str, **options: Any) -> None:
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"No sign-in has the e-mail address {email}.")
        removed = two_factor.two_factor_reset(user=user)
        ended = sessions.sessions_end(user=user)
        self.stdout.write(
            f"{user.email}: {removed} device(s) removed, {ended} session(s) ended. "
            "They will set up a new authenticator app at their next sign-in."
        )
