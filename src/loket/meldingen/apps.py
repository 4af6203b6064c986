from django.apps import AppConfig


class MeldingenConfig(AppConfig):
    """Meldingen openbare ruimte: BOR MELD categories, classification, triage, the melding's own
    lifecycle, Open311 and the portal form. Beside cases in the domain layer: a melding may refer
    to a zaak, cases does not know meldingen. Its tables kept their `cases_` names (the move out
    of cases was state-only)."""

    name = "loket.meldingen"
    label = "meldingen"
    verbose_name = "Meldingen openbare ruimte"

    def ready(self) -> None:
        from loket.core.seeding import reseed_on_post_migrate

        reseed_on_post_migrate(self, "0002_bor_meld_categorieen", "seed")
        from loket.meldingen.inzage import register_bronnen

        register_bronnen()
        from loket.meldingen.retention import register_kinds

        register_kinds()
