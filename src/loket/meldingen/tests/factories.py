"""Factories for meldingen openbare ruimte, written as rows (use `melding_create` to test the
intake itself)."""

import factory

from loket.meldingen.models import MeldCategorie, Melding


class MeldCategorieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeldCategorie
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"test-categorie-{n}")
    hoofdcategorie = "Afval"
    subcategorie = factory.Sequence(lambda n: f"Testcategorie {n}")


class MeldingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Melding

    referentie = factory.Sequence(lambda n: f"MOR-2026-T{n:05d}")
    tekst = "Er ligt grofvuil naast de container."
    adres = "Markt 1"
    melder = None
    kanaal = "web"
    categorie = factory.SubFactory(MeldCategorieFactory)
