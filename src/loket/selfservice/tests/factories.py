"""Factories for forms and submissions, written as rows (use `inzending_indienen` to test the
handling itself)."""

import factory

from loket.catalogue.tests.factories import ProductFactory
from loket.selfservice.models import Formulier, Inzending


class FormulierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Formulier
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"formulier-{n}")
    titel = factory.Sequence(lambda n: f"Formulier {n}")
    product = factory.SubFactory(ProductFactory)


class InzendingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Inzending

    formulier = factory.SubFactory(FormulierFactory)
    partij = None
    idempotency_key = factory.Sequence(lambda n: f"inzending-sleutel-{n}")
    gegevens = factory.LazyFunction(lambda: {"reden": "Verhuizing"})
