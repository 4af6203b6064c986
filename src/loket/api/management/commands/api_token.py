from django.core.management.base import BaseCommand, CommandError

from loket.api.services import api_token_create
from loket.core.errors import DomainError


class Command(BaseCommand):
    help = "Maakt een API-token met scopes; de sleutel wordt één keer getoond."

    def add_arguments(self, parser):
        parser.add_argument("naam")
        parser.add_argument(
            "--scope",
            action="append",
            dest="scopes",
            default=[],
            help="Bijvoorbeeld partijen:lezen (herhaalbaar).",
        )
        parser.add_argument(
            "--doel",
            dest="default_purpose",
            default="",
            help="Standaarddoel voor het auditlog als een verzoek geen X-Loket-Doel meestuurt.",
        )

    def handle(self, *args, naam, scopes, default_purpose, **options):
        try:
            token, key = api_token_create(name=naam, scopes=scopes, default_purpose=default_purpose)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(f"Token '{token.name}' met scopes {', '.join(token.scopes)}:")
        self.stdout.write(key)
        self.stdout.write("Bewaar deze sleutel nu: hij wordt niet opnieuw getoond.")
