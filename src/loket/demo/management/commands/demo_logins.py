from django.core.management.base import BaseCommand

from loket.accounts.models import User
from loket.demo.data import DEMO_LOGINS, DEMO_PASSWORD


class Command(BaseCommand):
    help = "Toont de demo-inloggegevens per rol."

    def add_arguments(self, parser):
        parser.add_argument("--base-url", default="http://127.0.0.1:8000")

    def handle(self, *args, base_url, **options):
        present = set(
            User.objects.filter(username__in=[u for u, *_ in DEMO_LOGINS]).values_list(
                "username", flat=True
            )
        )
        if not present:
            self.stdout.write("Geen demo-accounts in deze database.")
            return
        self.stdout.write(
            f"Inloggen op {base_url}/medewerker/inloggen/ (wachtwoord: {DEMO_PASSWORD})"
        )
        for username, role, *_ in DEMO_LOGINS:
            if username in present:
                self.stdout.write(f"  {role:<24} gebruikersnaam: {username}")
        self.stdout.write(f"API-documentatie: {base_url}/api/v1/docs/")
