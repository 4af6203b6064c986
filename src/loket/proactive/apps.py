from django.apps import AppConfig


class ProactiveConfig(AppConfig):
    name = "loket.proactive"
    verbose_name = "Proactieve dienstverlening en berichten"

    def ready(self) -> None:
        from loket.proactive.inzage import register_bronnen

        register_bronnen()
        from loket.cases.events import ZaakStatusGezet
        from loket.core.events import subscribe
        from loket.proactive.handlers import levensgebeurtenis_regels, zaakstatus_regels
        from loket.selfservice.events import LevensgebeurtenisGemeld

        # The rule "status of a zaak" fires when a status is set, by any door; life-event rules
        # when a citizen reports one (the Flits verhuismelding).
        subscribe(ZaakStatusGezet, zaakstatus_regels)
        subscribe(LevensgebeurtenisGemeld, levensgebeurtenis_regels)

        from loket.core import jobs
        from loket.proactive.tasks import SIGNALEN_TAAK, scan_tijd, signalen_plannen

        jobs.register(
            SIGNALEN_TAAK,
            signalen_plannen,
            dagelijks_om=scan_tijd,
            omschrijving="Verlopende documenten en levensgebeurtenissen: signalen en aanbiedingen.",
        )
