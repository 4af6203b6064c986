from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "loket.core"
    verbose_name = "Kern"

    def ready(self) -> None:
        from loket.core.seeding import reseed_on_post_migrate

        reseed_on_post_migrate(self, "0003_seed_kanalen", "seed")
        reseed_on_post_migrate(self, "0008_seed_verwerkingsactiviteiten", "seed")
