from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "loket.insights"
    verbose_name = "Inzicht (KPI's en normen)"

    def ready(self) -> None:
        from loket.insights.retention import register_kinds

        register_kinds()
        from loket.insights.inzage import register_bronnen

        register_bronnen()
        from loket.insights import signals

        signals.connect()

        from loket.cases.events import ZaakAfgesloten
        from loket.contacts.events import KlantcontactGeregistreerd
        from loket.core.events import subscribe
        from loket.insights.handlers import tevredenheid_bij_afsluiten, tevredenheid_na_contact

        subscribe(ZaakAfgesloten, tevredenheid_bij_afsluiten)
        subscribe(KlantcontactGeregistreerd, tevredenheid_na_contact)

        from loket.core import jobs
        from loket.insights.services import samenvattingen_update

        jobs.register(
            "inzicht_bijwerken",
            samenvattingen_update,
            omschrijving="Dagtotalen van het inzichtdashboard bijwerken die een wijziging raakte.",
        )

        from loket.core.seeding import reseed_on_post_migrate

        reseed_on_post_migrate(self, "0002_defaults", "forwards")
