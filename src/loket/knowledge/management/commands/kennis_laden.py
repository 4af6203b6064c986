from django.core.management.base import BaseCommand, CommandError

from loket.core.errors import DomainError
from loket.knowledge.services import kennis_load


class Command(BaseCommand):
    help = "Laadt de meegeleverde kennisartikelen van Zeventerpen en publiceert ze (idempotent)."

    def handle(self, *args, **options):
        try:
            result = kennis_load()
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(
            f"Kennisartikelen: {result.created} nieuw, {result.updated} bijgewerkt, "
            f"{result.unchanged} ongewijzigd; {result.synonyms} nieuwe synoniemen."
        )
