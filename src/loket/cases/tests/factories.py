"""Factories for zaaktypen and zaken, built through the cases services: a zaaktype with its
statustypen in order, a zaak with its number, deadlines from the norms and its first status."""

import factory

from loket.cases.models import Zaak, Zaaktype
from loket.cases.services import zaak_create, zaaktype_create
from loket.parties.tests.factories import PersoonFactory

# (omschrijving, informeren, statustekst); the last one is the end status.
STATUSTYPEN = [
    ("Ontvangen", True, "We hebben uw aanvraag ontvangen."),
    ("In behandeling", False, ""),
    ("Afgehandeld", True, "Uw aanvraag is afgehandeld."),
]


class ZaaktypeFactory(factory.Factory):
    class Meta:
        model = Zaaktype

    identificatie = factory.Sequence(lambda n: f"zaaktype-{n}")
    omschrijving = factory.LazyAttribute(lambda o: o.identificatie.capitalize())
    doorlooptijd_werkdagen = 10
    servicenorm_werkdagen = 3
    statustypen = factory.LazyFunction(lambda: list(STATUSTYPEN))
    team = None
    product = None

    @classmethod
    def _create(cls, model_class, **kwargs):
        return zaaktype_create(**kwargs)


class ZaakFactory(factory.Factory):
    """A zaak opened by `zaak_create` (number, deadlines, first status, receipt message)."""

    class Meta:
        model = Zaak

    zaaktype = factory.SubFactory(ZaaktypeFactory)
    initiator = factory.SubFactory(PersoonFactory)
    omschrijving = ""

    @classmethod
    def _create(cls, model_class, **kwargs):
        return zaak_create(**kwargs)
