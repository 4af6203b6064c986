from django.apps import AppConfig


class ProactiveConfig(AppConfig):
    name = "loket.proactive"
    verbose_name = "Proactieve dienstverlening en berichten"

    def ready(self) -> None:
        from loket.cases.events import ZaakStatusGezet
        from loket.core.events import subscribe
        from loket.proactive.handlers import zaakstatus_regels

        # The rule "status of a zaak" fires when a status is set, by any door.
        subscribe(ZaakStatusGezet, zaakstatus_regels)
