from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "loket.training"
    verbose_name = "Training (KCC-simulatie en kennistoets)"

    def ready(self) -> None:
        from loket.training.retention import register_kinds

        register_kinds()
