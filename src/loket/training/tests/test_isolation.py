"""Sandbox isolation: a whole training session through the pages changes no real data and
writes nothing to the audit log (and so nothing to the KPIs, which read the real tables)."""

from django.apps import apps
from django.urls import reverse

from loket.core.models import AuditEntry
from loket.knowledge.models import Kennisartikel
from loket.training.models import TrainingActie, TrainingSessie


def real_counts() -> dict[str, int]:
    """Rows in every table outside the training app (sessions of Django itself excluded)."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label not in ("training", "sessions")
    }


def test_a_training_session_changes_no_real_data_and_writes_no_audit(
    trainingsdata, trainee, client
):
    client.force_login(trainee)
    client.get(reverse("training:home"))
    before = real_counts()
    audit_before = AuditEntry.objects.count()

    response = client.post(reverse("training:start", kwargs={"slug": "wmo-hulp-voor-moeder"}))
    sessie = TrainingSessie.objects.get()
    assert response.url == reverse("training:sessie", kwargs={"uuid": sessie.uuid})
    assert client.get(response.url).status_code == 200
    kennis = reverse("training:kennis", kwargs={"uuid": sessie.uuid})
    assert "Gebruik dit antwoord" in client.get(kennis, {"q": "hulp thuis"}).content.decode()
    actie = reverse("training:actie", kwargs={"uuid": sessie.uuid})
    client.post(actie, {"soort": "vraag", "actie-tekst": "Waar woont uw moeder?"})
    versie = Kennisartikel.objects.get(slug="wmo-melding-hulp-aanvragen").gepubliceerde_versie
    client.post(actie, {"soort": "antwoord", "vraag-0-kennisartikel_versie": versie.pk})
    from loket.catalogue.models import Product
    from loket.contacts.models import Contactreden

    aanbod = Product.objects.get(upl_naam="mantelzorgondersteuning")
    client.post(actie, {"soort": "aanbod", "actie-product": aanbod.pk})
    reden = Contactreden.objects.get(naam="Wmo-voorziening")
    response = client.post(
        reverse("training:afronden", kwargs={"uuid": sessie.uuid}),
        {
            "kanaal": "telefoon",
            "inhoud": "Melding voor moeder",
            "vraag-TOTAL_FORMS": "1",
            "vraag-INITIAL_FORMS": "0",
            "vraag-MIN_NUM_FORMS": "0",
            "vraag-MAX_NUM_FORMS": "20",
            "vraag-0-product": Product.objects.get(upl_naam="wmo-voorziening").pk,
            "vraag-0-contactreden": reden.pk,
            "vraag-0-vraagtekst": "Hulp in huis voor moeder",
            "vraag-0-antwoord": "Melding genoteerd",
            "vraag-0-kennisartikel_versie": versie.pk,
            "vraag-0-afhandeling": "contactverzoek",
            "vraag-0-team": trainingsdata["sociaal-domein"].pk,
            "vraag-0-gevraagde_handeling": "Keukentafelgesprek plannen",
            "vraag-0-terugbelnummer": "06-10000106",
        },
    )
    assert response.status_code == 302
    assert client.get(response.url).status_code == 200
    sessie.refresh_from_db()
    assert sessie.is_afgerond and sessie.totaal == 100, sessie.feedback
    # A kennistoets too.
    response = client.post(reverse("training:toetsen"))
    assert response.status_code == 302

    assert real_counts() == before
    assert AuditEntry.objects.count() == audit_before
    soorten = list(TrainingActie.objects.values_list("soort", flat=True))
    assert soorten == ["zoeken", "vraag", "antwoord", "aanbod", "registratie"]
