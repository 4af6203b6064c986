from django.apps import AppConfig


class KwaliteitConfig(AppConfig):
    name = "loket.kwaliteit"
    verbose_name = "Kwaliteitsmonitoring van klantcontacten"

    def ready(self) -> None:
        from loket.core import jobs
        from loket.kwaliteit.services import STEEKPROEF_TAAK, steekproef_job, steekproef_tijd

        jobs.register(
            STEEKPROEF_TAAK,
            steekproef_job,
            dagelijks_om=steekproef_tijd,
            omschrijving=(
                "Kwaliteitsmonitoring: de steekproef van de vorige maand en de signalen "
                "(herhaalcontact, antwoord zonder artikel, klacht of niet geholpen, "
                "contactverzoek niet nodig) in de beoordelingswachtrij."
            ),
        )

        from loket.insights.secties import register_sectie
        from loket.kwaliteit.inzicht import juistheid_sectie

        register_sectie("juistheid", juistheid_sectie)

        from loket.core.seeding import reseed_on_post_migrate

        reseed_on_post_migrate(self, "0002_rubriek", "forwards")
