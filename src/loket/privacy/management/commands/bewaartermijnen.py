"""`loket bewaartermijnen`: a dry run of the retention terms (what would go); with
`--uitvoeren` destroy or anonymise it. Prints the report's counts per kind and term."""

from django.conf import settings
from django.core.management.base import BaseCommand

from loket.privacy.retention import registered, retention_run, terms_for


class Command(BaseCommand):
    help = "Bewaartermijnen toepassen (standaard een proefrun: er wordt niets vernietigd)."

    def add_arguments(self, parser):
        parser.add_argument("--uitvoeren", action="store_true", help="Echt vernietigen.")
        parser.add_argument(
            "--batch", type=int, help="records per transaction (LOKET_VERNIETIGEN_BATCH)"
        )
        parser.add_argument(
            "--pauze-ms", type=int, help="pause between batches (LOKET_VERNIETIGEN_PAUZE_MS)"
        )
        parser.add_argument("--termijnen", action="store_true", help="Alleen de termijnen tonen.")

    def handle(self, *args, uitvoeren, batch, pauze_ms, termijnen, **options):
        if termijnen:
            for soort in registered():
                for term in terms_for(soort):
                    wat = f"{soort.code} ({term.sleutel})" if term.sleutel else soort.code
                    self.stdout.write(f"{wat}: {term.dagen} dagen, dan {term.actie}")
            return
        batch = batch or settings.LOKET_VERNIETIGEN_BATCH
        pauze = settings.LOKET_VERNIETIGEN_PAUZE_MS if pauze_ms is None else pauze_ms
        verslag = retention_run(
            proef=not uitvoeren, door="loket bewaartermijnen", batch=batch, pauze=pauze / 1000
        )
        kop = "Vernietigd" if uitvoeren else "Proefrun (niets vernietigd); zou gaan"
        self.stdout.write(f"{kop} — verslag {verslag.pk}:")
        for regel in verslag.regels.order_by("soort", "sleutel"):
            wat = f"{regel.soort} ({regel.sleutel})" if regel.sleutel else regel.soort
            extra = f", {regel.tegengehouden} tegengehouden" if regel.tegengehouden else ""
            self.stdout.write(
                f"  {wat}: {regel.aantal} ({regel.actie}, termijn {regel.termijn_dagen} dagen{extra})"
            )
