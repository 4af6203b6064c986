from django.apps import AppConfig


class ProactiveConfig(AppConfig):
    name = "loket.proactive"
    verbose_name = "Proactieve dienstverlening en berichten"
