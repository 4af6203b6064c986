"""Factories for klanten (partijen). A klant is a `Partij` with its `Persoon` or `Organisatie`,
built with the ORM as the parties migrations and the BRP import leave them: no audit record, so a
test that counts audit records sees only what it does itself (`persoon_create` is tested on its
own in test_services.py)."""

import factory

from loket.parties.constants import SoortDigitaalAdres, SoortPartij
from loket.parties.models import DigitaalAdres, Organisatie, Partij, Persoon
from loket.registries.tests.factories import next_bsn


class PersoonFactory(factory.Factory):
    """A klant of soort persoon; returns the `Partij` (its `.persoon` holds BSN and name).

    `PersoonFactory(bsn="999993653", geslachtsnaam="Jansen")` gives partij "J. Jansen".
    """

    class Meta:
        model = Partij

    bsn = factory.LazyFunction(next_bsn)
    voornamen = "Jan"
    voorvoegsel_geslachtsnaam = ""
    geslachtsnaam = "Jansen"
    geboortedatum = None
    weergavenaam = factory.LazyAttribute(lambda o: f"{o.voornamen[:1]}. {o.geslachtsnaam}")

    @classmethod
    def _create(cls, model_class, *, weergavenaam, **persoon):
        partij = model_class.objects.create(soort=SoortPartij.PERSOON, weergavenaam=weergavenaam)
        Persoon.objects.create(partij=partij, **persoon)
        return partij


class OrganisatieFactory(factory.Factory):
    """A klant of soort organisatie (KVK); returns the `Partij`."""

    class Meta:
        model = Partij

    kvk_nummer = factory.Sequence(lambda n: f"{68000000 + n}")
    handelsnaam = factory.Sequence(lambda n: f"Terpbouw {n} B.V.")
    vestigingsnummer = ""
    rsin = ""
    weergavenaam = factory.SelfAttribute("handelsnaam")

    @classmethod
    def _create(cls, model_class, *, weergavenaam, **organisatie):
        partij = model_class.objects.create(
            soort=SoortPartij.ORGANISATIE, weergavenaam=weergavenaam
        )
        Organisatie.objects.create(partij=partij, **organisatie)
        return partij


class DigitaalAdresFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DigitaalAdres

    partij = factory.SubFactory(PersoonFactory)
    soort = SoortDigitaalAdres.EMAIL
    adres = factory.Sequence(lambda n: f"inwoner{n}@voorbeeld.example")
    is_standaard_adres = False
