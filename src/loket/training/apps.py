from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "loket.training"
    verbose_name = "Training (KCC-simulatie en kennistoets)"
