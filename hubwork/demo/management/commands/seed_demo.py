from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from hubwork.demo.content_pages import CONTENT_PEOPLE
from hubwork.demo.services import DEMO_PASSWORD, PEOPLE, seed_demo


class Command(BaseCommand):
    help = "Load demo hubs, schools and one sign-in per role. Refused when DEBUG is off."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo adds accounts with published passwords, so it only runs with DEBUG on."
            )
        result = seed_demo()
        self.stdout.write(
            f"Demo data ready ({result.created} new records)."
            if result.created
            else "Demo data already loaded; nothing changed."
        )
        self.stdout.write(f"\nDemo sign-ins (password: {DEMO_PASSWORD})")
        for person in PEOPLE:
            self.stdout.write(f"  {person.role:<38} {person.email}")
        for email, _name, role in CONTENT_PEOPLE:
            self.stdout.write(f"  {role.label + ' (public site)':<38} {email}")
        bypass_code = getattr(settings, "MFA_TOTP_INSECURE_BYPASS_CODE", None)
        if bypass_code:
            self.stdout.write(
                "Staff roles and Work Group leads sign in with two-factor authentication: "
                f"enter the code {bypass_code}."
            )
        else:
            self.stdout.write(
                "Staff roles and Work Group leads need a two-factor code: start Hubwork with "
                "`make run`, which accepts a demo code for them."
            )
