from django.core.management.base import BaseCommand, CommandError

from loket.core.errors import DomainError
from loket.demo.services import SCALES, database_is_empty, demo_build


class Command(BaseCommand):
    help = (
        "Bouwt de demogemeente Zeventerpen (inwoners, bedrijven, medewerkers, een jaar historie)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(SCALES), default="medium")
        parser.add_argument("--seed", type=int, default=7)
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Alleen bouwen als de database nog leeg is; anders niets doen.",
        )
        parser.add_argument("--no-progress", action="store_true", help="Geen voortgangsbalk.")

    def handle(self, *args, scale, seed, if_empty, no_progress, **options):
        if if_empty and not database_is_empty():
            self.stdout.write("De demogemeente staat al in de database; niets gedaan.")
            return
        scaled = SCALES[scale]

        def nl(number: int) -> str:
            return f"{number:,}".replace(",", ".")

        self.stdout.write(
            f"Demogemeente Zeventerpen bouwen (schaal {scale}: {nl(scaled.persons)} inwoners, "
            f"{nl(scaled.contacts)} klantcontacten, {nl(scaled.cases)} zaken; seed {seed})"
        )
        try:
            summary = demo_build(scale=scale, seed=seed, progress=not no_progress)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Klaar in {summary.seconds} s: {summary.persons} inwoners, "
                f"{summary.companies} bedrijven, {summary.staff} medewerkers, "
                f"{summary.contacts} klantcontacten met {summary.questions} vragen, "
                f"{summary.cases} zaken met {summary.statuses} statussen."
            )
        )
        self.stdout.write(
            "Seconden per onderdeel: "
            + ", ".join(f"{name} {seconds}" for name, seconds in summary.phases.items())
        )
        # What the apps added (formulas, forms, meldingen, offers, telephony, training, ...).
        for name, value in summary.counts.items():
            if isinstance(value, int | float | str):
                self.stdout.write(f"  {name}: {value}")
