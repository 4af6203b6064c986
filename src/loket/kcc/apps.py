from django.apps import AppConfig


class KccConfig(AppConfig):
    """The KCC agent workspace: find the klant, the klantbeeld, register the klantcontact."""

    name = "loket.kcc"
    label = "kcc"
    verbose_name = "Klantcontactcentrum"

    def ready(self) -> None:
        from loket.accounts.logout import register_logout_warning
        from loket.kcc.workspace import open_contacts_logout_warning

        register_logout_warning(open_contacts_logout_warning)
