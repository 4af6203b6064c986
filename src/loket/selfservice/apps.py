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
        import datetime as dt

        from loket.selfservice.services.vervolg import digitaal_gebruik_count

        jobs.register(
            "digitaal_gebruik_tellen",
            digitaal_gebruik_count,
            dagelijks_om=lambda: dt.time(4, 45),
            omschrijving=(
                "Formulieren: afhakers tellen (7 dagen na het afhaken) en zoektochten op de "
                "website koppelen aan een contact binnen 24 uur; daarna alleen aantallen."
            ),
        )
