from django.apps import AppConfig


class SelfserviceConfig(AppConfig):
    name = "loket.selfservice"
    verbose_name = "Zelfservice (portaal, formulieren, afspraken)"
