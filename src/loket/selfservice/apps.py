from django.apps import AppConfig


class SelfserviceConfig(AppConfig):
    name = "loket.selfservice"
    verbose_name = "Zelfservice (portaal, formulieren, afspraken)"

    def ready(self) -> None:
        from loket.selfservice.retention import register_kinds

        register_kinds()
        from loket.selfservice.inzage import register_bronnen

        register_bronnen()
        from loket.core import jobs
        from loket.selfservice.tasks import inzendingen_wekken

        jobs.register(
            "inzendingen",
            inzendingen_wekken,
            omschrijving="Inzendingen die na een storing bleven staan opnieuw verwerken.",
        )
