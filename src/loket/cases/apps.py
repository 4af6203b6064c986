from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "loket.cases"

    def ready(self) -> None:
        from loket.core.seeding import reseed_on_post_migrate

        reseed_on_post_migrate(self, "0003_bor_meld_categorieen", "seed")
