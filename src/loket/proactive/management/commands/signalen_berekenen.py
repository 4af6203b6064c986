"""`loket signalen_berekenen`: the daily scan, run by hand or from cron (the worker plans it too)."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from loket.proactive.services import signalen_compute


class Command(BaseCommand):
    help = (
        "Bereken de proactieve signalen van vandaag (verlopende documenten, 18 jaar, geboorte, "
        "overlijden) en zet de aanbiedingen in de outbox. Twee keer op één dag draaien voegt "
        "niets toe."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--datum", help="Rekenen alsof het deze dag is (JJJJ-MM-DD).")

    def handle(self, *args, **options) -> None:
        datum = None
        if options["datum"]:
            try:
                datum = dt.date.fromisoformat(options["datum"])
            except ValueError as exc:
                raise CommandError("Geef de datum als JJJJ-MM-DD.") from exc
        resultaat = signalen_compute(datum=datum)
        for code, aantal in sorted(resultaat.per_regel.items()):
            self.stdout.write(f"  {code}: {aantal} nieuwe signalen")
        self.stdout.write(
            f"{resultaat.signalen} signalen, {resultaat.berichten} berichten in de outbox "
            f"({resultaat.seconden:.1f} s, {resultaat.datum.isoformat()})."
        )
