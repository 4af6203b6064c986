from django.apps import AppConfig


class KnowledgeConfig(AppConfig):
    name = "loket.knowledge"
    verbose_name = "Kennisbank"

    def ready(self) -> None:
        import datetime as dt

        from loket.core import jobs
        from loket.knowledge.retention import register_kinds
        from loket.knowledge.services import zoekkeuzes_purge

        register_kinds()

        jobs.register(
            "zoekkeuzes_opruimen",
            zoekkeuzes_purge,
            dagelijks_om=lambda: dt.time(3, 30),
            omschrijving=(
                "Keuzes bij zoekvragen (geleerd uit gebruik) ouder dan een jaar verwijderen."
            ),
        )
