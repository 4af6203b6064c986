from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "loket.accounts"
    verbose_name = "Medewerkers en teams"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from loket.accounts.services import roles_ensure

        def _ensure_roles(sender, **kwargs):
            if sender.name == self.name:
                roles_ensure()

        post_migrate.connect(_ensure_roles, weak=False)

        from axes.signals import user_locked_out

        from loket.accounts.services import login_blokkade_record

        user_locked_out.connect(login_blokkade_record, dispatch_uid="loket-axes-audit")
