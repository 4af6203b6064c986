from django.apps import AppConfig


class KnowledgeConfig(AppConfig):
    name = "loket.knowledge"
    verbose_name = "Kennisbank"
