"""`loket organisaties_laden`: the organisations citizens are referred to, and their products."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from loket.catalogue.services import (
    ORGANISATIES_PATH,
    PRODUCT_ORGANISATIES_PATH,
    organisatie_load,
    product_organisaties_load,
)
from loket.core.errors import DomainError


class Command(BaseCommand):
    help = (
        "Laadt de organisaties waarnaar het KCC verwijst (organisaties.json) en koppelt de "
        "producten die zij regelen (product-organisaties.json). Idempotent; een foutief bestand "
        "wordt in zijn geheel geweigerd."
    )

    def add_arguments(self, parser):
        parser.add_argument("--organisaties", default=str(ORGANISATIES_PATH))
        parser.add_argument("--koppelingen", default=str(PRODUCT_ORGANISATIES_PATH))

    def handle(self, *args, organisaties: str, koppelingen: str, **options):
        try:
            with transaction.atomic():
                org = organisatie_load(path=organisaties)
                link = product_organisaties_load(path=koppelingen)
        except DomainError as exc:
            raise CommandError(
                f"De organisaties zijn niet geladen; er is niets gewijzigd.\n{exc.message}"
            ) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Organisaties: {org.created} nieuw, {org.updated} gewijzigd, "
                f"{org.unchanged} ongewijzigd. Producten: {link.created} gekoppeld, "
                f"{link.updated} omgezet, {link.unchanged} ongewijzigd."
            )
        )
