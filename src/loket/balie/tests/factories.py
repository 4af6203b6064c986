"""Factories for locations and appointments, written as rows (as a booking leaves them)."""

import datetime as dt

import factory
from django.utils import timezone

from loket.balie.models import Afspraak, Locatie
from loket.catalogue.tests.factories import ProductFactory


class LocatieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Locatie
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"stadhuis-{n}")
    naam = factory.Sequence(lambda n: f"Stadhuis {n}")
    adres = "Markt 1, Zeventerpen"


class AfspraakFactory(factory.django.DjangoModelFactory):
    """An appointment tomorrow at 10:00 (pass `start` for another time; it lasts 15 minutes)."""

    class Meta:
        model = Afspraak

    locatie = factory.SubFactory(LocatieFactory)
    product = factory.SubFactory(ProductFactory)
    start = factory.LazyFunction(
        lambda: (
            timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0)
            + dt.timedelta(days=1)
        )
    )
    eind = factory.LazyAttribute(lambda o: o.start + dt.timedelta(minutes=15))
    partij = None
    naam = "Fenna Terpstra"
    email = "fenna@voorbeeld.example"
    token = factory.Sequence(lambda n: f"afspraak-token-{n}")
    idempotency_key = factory.Sequence(lambda n: f"afspraak-sleutel-{n}")
