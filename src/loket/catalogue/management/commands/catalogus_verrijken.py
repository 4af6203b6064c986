"""`loket catalogus_verrijken`: service formulas, enriched products and life events."""

from django.core.management.base import BaseCommand, CommandError

from loket.catalogue.services import ENRICHMENT_PATH, catalogus_enrich
from loket.core.errors import DomainError


class Command(BaseCommand):
    help = (
        "Laadt de dienstverleningsformules (Flits, Direct, Vlot, Maatwerk), verrijkt de "
        "producten (teksten, kosten, termijnen, kanaalsturing, formule) en laadt de "
        "levensgebeurtenissen uit zeventerpen-producten.json. Daarna heeft elk product een "
        "formule (Vlot voor eigen producten, Direct voor verwijzingen). Vult standaard alleen "
        "lege velden; --overschrijven laat het bestand winnen. Een foutief bestand wordt in zijn "
        "geheel geweigerd."
    )

    def add_arguments(self, parser):
        parser.add_argument("--bestand", default=str(ENRICHMENT_PATH))
        parser.add_argument(
            "--overschrijven",
            action="store_true",
            help="Vervang ook wat in beheer is aangepast door de waarden uit het bestand.",
        )

    def handle(self, *args, bestand: str, overschrijven: bool, **options):
        try:
            result = catalogus_enrich(path=bestand, overschrijven=overschrijven)
        except DomainError as exc:
            raise CommandError(
                f"De catalogus is niet verrijkt; er is niets gewijzigd.\n{exc.message}"
            ) from exc
        f, lg = result.formules, result.levensgebeurtenissen
        self.stdout.write(
            self.style.SUCCESS(
                f"Formules: {f.created} nieuw, {f.updated} gewijzigd, {f.unchanged} ongewijzigd. "
                f"Producten: {result.producten_verrijkt} verrijkt, "
                f"{result.producten_ongewijzigd} ongewijzigd; standaardformule toegekend: "
                f"{result.standaardformule.get('vlot', 0)} Vlot, "
                f"{result.standaardformule.get('direct', 0)} Direct. "
                f"Levensgebeurtenissen: {lg.created} nieuw, {lg.updated} gewijzigd, "
                f"{lg.unchanged} ongewijzigd ({result.koppelingen} producten gekoppeld)."
            )
        )
