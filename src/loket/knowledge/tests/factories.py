"""Factories for knowledge articles, built through the knowledge services (clean HTML, the
referral rule); `KennisartikelFactory(gepubliceerd=True)` also publishes version 1."""

import factory

from loket.knowledge.models import Kennisartikel
from loket.knowledge.services import artikel_create, artikel_publish


class KennisartikelFactory(factory.Factory):
    class Meta:
        model = Kennisartikel

    slug = factory.Sequence(lambda n: f"artikel-{n}")
    vraag = factory.Sequence(lambda n: f"Hoe regel ik zaak {n}?")
    antwoord = "<p>Dat regelt u online of aan de balie.</p>"
    producten = ()
    gepubliceerd = False

    @classmethod
    def _create(cls, model_class, *, gepubliceerd, **kwargs):
        artikel = artikel_create(**kwargs)
        if gepubliceerd:
            artikel_publish(artikel=artikel, revisie=artikel.revisie)
            artikel.refresh_from_db()
        return artikel
