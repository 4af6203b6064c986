"""`loket contactverzoeken_te_laat`: the daily overdue list for teamleiders.

Cron (or the task worker) runs it once every working day, early in the morning, e.g.
`30 7 * * 1-5 loket contactverzoeken_te_laat --basis-url https://loket.zeventerpen.nl`.
Each teamleider gets one mail listing the overdue contactverzoeken of his teams, with links.
Running it again the same day sends nothing twice (see contactverzoeken_te_laat_versturen).
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from loket.contacts.services import contactverzoeken_te_laat_send


class Command(BaseCommand):
    help = "Mail elke teamleider de lijst van te late contactverzoeken van zijn teams (dagelijks)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--basis-url",
            default=settings.LOKET_BASE_URL,
            help="Adres van Loket voor de links in de mail, bijv. https://loket.zeventerpen.nl.",
        )

    def handle(self, *args, basis_url: str, **options):
        uitkomst = contactverzoeken_te_laat_send(base_url=basis_url)
        verzonden = [u for u in uitkomst if u.verzonden]
        for u in uitkomst:
            if u.verzonden:
                status = "verzonden"
            elif not getattr(u.ontvanger, "email", ""):
                status = "geen e-mailadres"
            else:
                status = "vandaag al verzonden"
            self.stdout.write(f"{u.ontvanger}: {u.aantal} te laat ({status})")
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(verzonden)} mail(s) verzonden aan teamleiders, "
                f"{sum(u.aantal for u in verzonden)} te late contactverzoeken gemeld."
            )
        )
