"""Factories for messages in the outbox."""

import factory

from loket.messaging.models import Bericht
from loket.parties.tests.factories import PersoonFactory


class BerichtFactory(factory.django.DjangoModelFactory):
    """A message as it sits in the outbox (or the Mijn Loket inbox), without sending it."""

    class Meta:
        model = Bericht

    partij = factory.SubFactory(PersoonFactory)
    kanaal = "inbox"
    soort = "status"
    onderwerp = "Uw aanvraag"
    tekst = "Uw aanvraag is ontvangen."
    sleutel = factory.Sequence(lambda n: f"test-bericht-{n}")
