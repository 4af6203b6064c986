"""`loket import-upl [FILE]`: read the Uniforme Productnamenlijst into the product catalogue."""

from django.core.management.base import BaseCommand, CommandError

from loket.catalogue.models import Product
from loket.catalogue.services import UPL_DEFAULT_PATH, upl_import
from loket.core.errors import DomainError


class Command(BaseCommand):
    help = (
        "Leest de Uniforme Productnamenlijst (UPL, CSV) in de productencatalogus in. "
        "Zonder bestand wordt de meegeleverde UPL gebruikt. Een foutief bestand wordt in zijn "
        "geheel geweigerd."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file",
            nargs="?",
            default=str(UPL_DEFAULT_PATH),
            help="CSV-bestand in het formaat van UPL-actueel.csv (standaard: de meegeleverde UPL).",
        )

    def handle(self, *args, file: str, **options):
        try:
            result = upl_import(rows_or_path=file)
        except DomainError as exc:
            raise CommandError(
                f"De UPL is niet ingelezen; er is niets gewijzigd.\n{exc.message}"
            ) from exc
        gemeentelijk = Product.objects.filter(is_gemeente=True).count()
        self.stdout.write(
            self.style.SUCCESS(
                f"UPL ingelezen uit {file}: {result.total} producten "
                f"({result.created} nieuw, {result.updated} gewijzigd, "
                f"{result.unchanged} ongewijzigd). "
                f"De catalogus bevat {gemeentelijk} gemeentelijke producten."
            )
        )
