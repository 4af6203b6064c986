from django.apps import AppConfig


class InboxConfig(AppConfig):
    name = "loket.inbox"
    verbose_name = "Inbox (e-mail)"

    def ready(self) -> None:
        from loket.core import jobs
        from loket.inbox.retention import register_kinds

        register_kinds()
        from loket.inbox.tasks import postvak_ophalen_taak

        jobs.register(
            "postvak_ophalen",
            postvak_ophalen_taak,
            omschrijving=(
                "Nieuwe e-mails uit het postvak van de gemeente (LOKET_POSTVAK_URL) als "
                "klantcontact in de inbox zetten."
            ),
        )
