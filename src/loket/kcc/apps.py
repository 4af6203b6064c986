from django.apps import AppConfig


class KccConfig(AppConfig):
    """The KCC agent workspace: find the klant, the klantbeeld, register the klantcontact."""

    name = "loket.kcc"
    label = "kcc"
    verbose_name = "Klantcontactcentrum"
