"""Rebuild the insight summaries: the marked days, or (--alles) every day from the raw records."""

import time

from django.core.management.base import BaseCommand

from loket.insights.services import samenvattingen_recompute, samenvattingen_update


class Command(BaseCommand):
    help = "Werkt de dagtotalen van het inzichtdashboard bij (na bulkimport: --alles)."

    def add_arguments(self, parser):
        parser.add_argument("--alles", action="store_true", help="Alle dagen opnieuw berekenen.")

    def handle(self, *args, alles: bool = False, **options):
        started = time.perf_counter()
        if alles:
            counts = samenvattingen_recompute()
            self.stdout.write(f"Alle dagtotalen opnieuw berekend: {counts}")
        else:
            n = samenvattingen_update()
            self.stdout.write(f"{n} gewijzigde dag(en) bijgewerkt.")
        self.stdout.write(f"Klaar in {time.perf_counter() - started:.1f} s.")
