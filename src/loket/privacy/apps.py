from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    """Retention terms, legal holds and the destruction report (issue 19). Each app registers
    the kinds of personal data it keeps (privacy.retention.register in its ready()); the daily
    job `bewaartermijnen` destroys or anonymises what has passed its term."""

    name = "loket.privacy"
    label = "privacy"
    verbose_name = "Privacy en bewaartermijnen"

    def ready(self) -> None:
        from loket.core import jobs
        from loket.privacy import kinds
        from loket.privacy.services import bewaartermijnen_job, vernietigen_tijd

        kinds.register_core()
        jobs.register(
            "bewaartermijnen",
            bewaartermijnen_job,
            omschrijving="Vernietigen of anonimiseren wat zijn bewaartermijn voorbij is "
            "(LOKET_VERNIETIGEN: uit, proef of aan).",
            dagelijks_om=vernietigen_tijd,
        )
