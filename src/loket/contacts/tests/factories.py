"""Factories for contactredenen, klantcontacten and contactverzoeken, built through the contacts
services (reference numbers, the verzoek's deadline from its norm, the audit and event trail)."""

import factory

from loket.accounts.tests.factories import TeamFactory
from loket.contacts.constants import Afhandeling
from loket.contacts.models import Contactreden, Contactverzoek, Klantcontact
from loket.contacts.services import (
    VraagInput,
    contact_register,
    contactreden_create,
    contactverzoek_create,
)
from loket.parties.tests.factories import PersoonFactory


class ContactredenFactory(factory.Factory):
    class Meta:
        model = Contactreden

    naam = factory.Sequence(lambda n: f"Contactreden {n}")
    hoofdreden = None

    @classmethod
    def _create(cls, model_class, **kwargs):
        return contactreden_create(**kwargs)


class KlantcontactFactory(factory.Factory):
    """A contact with one question (`vraagtekst`, `contactreden`, `afhandeling`, `product`);
    pass `vragen=[VraagInput(...), ...]` for more."""

    class Meta:
        model = Klantcontact

    kanaal = "telefoon"
    medewerker = None
    partij = factory.SubFactory(PersoonFactory)
    vraagtekst = "Wanneer is mijn paspoort klaar?"
    contactreden = factory.SubFactory(ContactredenFactory)
    afhandeling = Afhandeling.BEANTWOORD
    product = None
    vragen = factory.LazyAttribute(
        lambda o: [VraagInput(o.vraagtekst, o.contactreden, o.afhandeling, product=o.product)]
    )

    @classmethod
    def _create(cls, model_class, *, vraagtekst, contactreden, afhandeling, product, **kwargs):
        return contact_register(**kwargs)


class ContactverzoekFactory(factory.Factory):
    """A terugbelverzoek for a team, from the question of a contact handled as contactverzoek."""

    class Meta:
        model = Contactverzoek

    klantcontact = factory.SubFactory(
        KlantcontactFactory, afhandeling=Afhandeling.CONTACTVERZOEK, vraagtekst="Bel mij terug."
    )
    team = factory.SubFactory(TeamFactory)
    gevraagde_handeling = "Terugbellen"
    terugbelnummer = "0612345678"
    user = None

    @classmethod
    def _create(cls, model_class, *, klantcontact, **kwargs):
        return contactverzoek_create(vraag=klantcontact.vragen.get(), **kwargs)
