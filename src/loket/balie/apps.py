from django.apps import AppConfig


class BalieConfig(AppConfig):
    """Face: appointments (afspraken) and the counter queue (wachtrij) at the municipality's
    locations. Beside selfservice in the domain layer; its tables kept their `selfservice_`
    names (the move out of selfservice was state-only)."""

    name = "loket.balie"
    label = "balie"
    verbose_name = "Afspraken en balie"

    def ready(self) -> None:
        from loket.balie.inzage import register_bronnen

        register_bronnen()
