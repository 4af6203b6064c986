from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "loket.portal"
    verbose_name = "Portaal voor inwoners (productpagina's, Mijn Loket, inloggen)"

    def ready(self) -> None:
        from loket.knowledge.links import register_link_resolver
        from loket.portal.selectors import artikel_links

        # The knowledge API resolves `loket:` links in articles the way the portal does.
        register_link_resolver(artikel_links)
