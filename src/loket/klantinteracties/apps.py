from django.apps import AppConfig


class KlantinteractiesConfig(AppConfig):
    """The VNG Klantinteracties API 0.9.0 over Loket's own model (an adapter, channel layer)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "loket.klantinteracties"
    verbose_name = "Klantinteracties-API"
