from django.apps import AppConfig


class MessagingConfig(AppConfig):
    """The outbox below the domains: every message to a citizen or a medewerker is a Bericht,
    stored in its cause's transaction and sent (and retried) by the worker. Depends on core and
    parties only; contacts, cases, selfservice and proactive queue messages through it."""

    name = "loket.messaging"
    label = "messaging"
    verbose_name = "Berichten (outbox)"

    def ready(self) -> None:
        from loket.core import jobs
        from loket.messaging.retention import register_kinds

        register_kinds()
        from loket.messaging.inzage import register_bronnen

        register_bronnen()
        from loket.messaging.tasks import outbox_sweep

        jobs.register(
            "outbox",
            outbox_sweep,
            omschrijving="Verzenders wekken voor berichten die nu verstuurd moeten worden.",
        )
