from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "loket.insights"
    verbose_name = "Inzicht (KPI's en normen)"

    def ready(self) -> None:
        from loket.insights import signals

        signals.connect()
