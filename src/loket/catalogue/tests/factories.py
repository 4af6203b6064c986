"""Factories for the catalogue: UPL products, service formulas, organisations, life events."""

import factory

from loket.catalogue.models import (
    Dienstverleningsformule,
    Levensgebeurtenis,
    LevensgebeurtenisProduct,
    Organisatie,
    Product,
)

UPL_TERMS = "http://standaarden.overheid.nl/owms/terms/"


class ProductFactory(factory.django.DjangoModelFactory):
    """A UPL product; its URI is the UPL term of its name. Other fields keep the model's defaults
    (as `upl_import` leaves an imported row before enrichment)."""

    class Meta:
        model = Product

    upl_naam = factory.Sequence(lambda n: f"product {n}")
    upl_uri = factory.LazyAttribute(lambda o: UPL_TERMS + o.upl_naam.replace(" ", "_"))


class DienstverleningsformuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dienstverleningsformule

    code = factory.Sequence(lambda n: f"formule-{n}")
    naam = factory.LazyAttribute(lambda o: o.code.capitalize())
    belofte = "Binnen de servicenorm afgehandeld."

    class Params:
        # The Flits formula of Zeventerpen: fully automatic, online, 24/7, done within a minute.
        flits = factory.Trait(
            code="flits",
            naam="Flits",
            belofte="Online, 24/7, direct klaar.",
            altijd_beschikbaar=True,
            zonder_medewerker=True,
            max_afhandeltijd_minuten=1,
        )
        # Vlot: handled by a back-office team within the service norm.
        vlot = factory.Trait(code="vlot", naam="Vlot")


class OrganisatieFactory(factory.django.DjangoModelFactory):
    """An organisation a klant is referred to; an active one needs a website or phone number."""

    class Meta:
        model = Organisatie

    slug = factory.Sequence(lambda n: f"organisatie-{n}")
    naam = factory.LazyAttribute(lambda o: o.slug.upper())
    website = factory.LazyAttribute(lambda o: f"https://{o.slug}.example")


class LevensgebeurtenisFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Levensgebeurtenis

    slug = factory.Sequence(lambda n: f"gebeurtenis-{n}")
    naam = factory.LazyAttribute(lambda o: o.slug.capitalize())


class LevensgebeurtenisProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LevensgebeurtenisProduct

    levensgebeurtenis = factory.SubFactory(LevensgebeurtenisFactory)
    product = factory.SubFactory(ProductFactory)
    volgorde = 0
