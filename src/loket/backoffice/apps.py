from django.apps import AppConfig


class BackofficeConfig(AppConfig):
    """The back office: worklists of contactverzoeken and their handling. No models of its own."""

    name = "loket.backoffice"
    label = "backoffice"
    verbose_name = "Backoffice"
