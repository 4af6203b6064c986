from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "loket.portal"
    verbose_name = "Portaal voor inwoners (productpagina's, Mijn Loket, inloggen)"
