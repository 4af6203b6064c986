from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "loket.core"
    verbose_name = "Kern"
