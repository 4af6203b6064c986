"""`loket inzendingen_verwerken`: retry submissions a failure left "ontvangen".

A submission is normally routed in the transaction that stores it. When even the handover to
the back office failed (e.g. the zaak step crashed), it stays "ontvangen" with the error; run
this every few minutes (cron or the worker's schedule) to route it again, at most 5 attempts.
It also deletes concepts that expired unsubmitted (kept 30 days).
"""

from django.core.management.base import BaseCommand

from loket.selfservice.models import Inzending, InzendingStatus
from loket.selfservice.services import MAX_POGINGEN, concepten_purge_expired, inzendingen_process


class Command(BaseCommand):
    help = "Verwerk inzendingen opnieuw die door een fout zijn blijven staan."

    def handle(self, *args, **options):
        verwerkt = inzendingen_process()
        opgeruimd = concepten_purge_expired()
        vast = Inzending.objects.filter(
            status=InzendingStatus.ONTVANGEN, verwerkpogingen__gte=MAX_POGINGEN
        ).count()
        self.stdout.write(self.style.SUCCESS(f"{verwerkt} inzending(en) alsnog verwerkt."))
        self.stdout.write(f"{opgeruimd} verlopen concept(en) opgeruimd.")
        if vast:
            self.stdout.write(
                self.style.WARNING(
                    f"{vast} inzending(en) na {MAX_POGINGEN} pogingen niet verwerkt: "
                    "zie 'laatste fout' in de inzending."
                )
            )
