from django.apps import AppConfig


class NotificatiesConfig(AppConfig):
    """Notifications between components (Notificaties API 1.0 message shape): what happens to
    klantcontacten, internetaken, partijen and zaken goes to registered subscribers, through a
    delivery outbox of its own; notifications of other components are received. Above the
    domains: it subscribes to their events, they do not know it."""

    name = "loket.notificaties"
    label = "notificaties"
    verbose_name = "Notificaties"

    def ready(self) -> None:
        from loket.cases.events import ZaakAangemaakt, ZaakStatusGezet
        from loket.contacts.events import (
            ContactverzoekAangemaakt,
            ContactverzoekAfgesloten,
            ContactverzoekToegewezen,
            KlantcontactGeregistreerd,
        )
        from loket.core import jobs
        from loket.core.events import subscribe
        from loket.notificaties import handlers
        from loket.notificaties.services import afleveringen_send
        from loket.parties.events import PartijAangemaakt, PartijGewijzigd

        subscribe(KlantcontactGeregistreerd, handlers.klantcontact_geregistreerd)
        subscribe(ContactverzoekAangemaakt, handlers.contactverzoek_aangemaakt)
        subscribe(ContactverzoekToegewezen, handlers.contactverzoek_gewijzigd)
        subscribe(ContactverzoekAfgesloten, handlers.contactverzoek_gewijzigd)
        subscribe(PartijAangemaakt, handlers.partij_aangemaakt)
        subscribe(PartijGewijzigd, handlers.partij_gewijzigd)
        subscribe(ZaakAangemaakt, handlers.zaak_aangemaakt)
        subscribe(ZaakStatusGezet, handlers.zaak_status_gezet)
        jobs.register(
            "notificaties",
            lambda now: afleveringen_send().as_dict(),
            omschrijving="Notificaties afleveren bij de abonnementen (met nieuwe pogingen).",
        )
