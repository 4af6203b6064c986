import datetime as dt
import re

import pytest
from django.utils import timezone

from loket.catalogue.tests.factories import ProductFactory
from loket.contacts.constants import Afhandeling
from loket.contacts.models import Contactreden, Klantcontact, Vraag
from loket.contacts.services import (
    VraagInput,
    contact_register,
    contactreden_create,
    contactreden_deactivate,
)
from loket.core.errors import DomainError
from loket.core.models import Kanaal

# --- contactredenen ------------------------------------------------------------------------


@pytest.mark.django_db
def test_contactreden_create_derives_codes_and_order(redenen):
    assert redenen["documenten"].code == "reisdocumenten"
    assert redenen["paspoort"].code == "reisdocumenten-paspoort-aanvragen"
    assert redenen["paspoort"].hoofdreden == redenen["documenten"]
    assert redenen["id"].volgorde > redenen["paspoort"].volgorde
    assert str(redenen["paspoort"]) == "Reisdocumenten › Paspoort aanvragen"


@pytest.mark.django_db
def test_a_subreden_of_a_subreden_is_refused(redenen):
    with pytest.raises(DomainError) as excinfo:
        contactreden_create(naam="Spoed", hoofdreden=redenen["paspoort"])
    assert excinfo.value.field == "hoofdreden"
    assert "twee niveaus" in excinfo.value.message
    assert not Contactreden.objects.filter(naam="Spoed").exists()


@pytest.mark.django_db
def test_a_duplicate_name_under_the_same_parent_is_refused_case_insensitively(redenen):
    with pytest.raises(DomainError) as excinfo:
        contactreden_create(naam="paspoort  AANVRAGEN", hoofdreden=redenen["documenten"])
    assert excinfo.value.message == (
        "De contactreden 'Paspoort aanvragen' bestaat al onder 'Reisdocumenten'."
    )
    with pytest.raises(DomainError, match="bestaat al"):
        contactreden_create(naam="AFVAL")


@pytest.mark.django_db
def test_the_same_name_under_another_parent_is_allowed(redenen):
    sub = contactreden_create(naam="Paspoort aanvragen", hoofdreden=redenen["afval"])
    assert sub.code == "afval-paspoort-aanvragen"


@pytest.mark.django_db
def test_an_explicit_code_in_use_is_refused_and_a_derived_one_gets_a_suffix(redenen):
    with pytest.raises(DomainError) as excinfo:
        contactreden_create(naam="Anders", code="afval")
    assert excinfo.value.field == "code"
    assert contactreden_create(naam="Reis documenten", hoofdreden=None).code == "reis-documenten"
    other = contactreden_create(naam="Paspoort aanvragen!", hoofdreden=redenen["afval"])
    clash = contactreden_create(naam="Reisdocumenten paspoort aanvragen", hoofdreden=None)
    assert other.code == "afval-paspoort-aanvragen"
    assert clash.code == "reisdocumenten-paspoort-aanvragen-2"


@pytest.mark.django_db
def test_an_empty_name_is_refused(db):
    with pytest.raises(DomainError) as excinfo:
        contactreden_create(naam="   ")
    assert excinfo.value.field == "naam"


@pytest.mark.django_db
def test_deactivating_a_hoofdreden_deactivates_its_subredenen(redenen):
    contactreden_deactivate(contactreden=redenen["documenten"])
    assert not Contactreden.objects.get(pk=redenen["documenten"].pk).is_actief
    assert not Contactreden.objects.get(pk=redenen["paspoort"].pk).is_actief
    assert Contactreden.objects.get(pk=redenen["afval"].pk).is_actief
    with pytest.raises(DomainError, match="niet meer in gebruik"):
        contactreden_create(naam="Rijbewijs", hoofdreden=redenen["documenten"])


# --- klantcontacten ------------------------------------------------------------------------


def vraag(reden, **kwargs):
    kwargs.setdefault("afhandeling", Afhandeling.BEANTWOORD)
    return VraagInput(
        vraagtekst=kwargs.pop("vraagtekst", "Hoe vraag ik een paspoort aan?"),
        contactreden=reden,
        **kwargs,
    )


@pytest.mark.django_db
def test_contact_register_stores_the_contact_and_its_questions(
    telefoon, redenen, partij, make_user
):
    medewerker = make_user("kcc-medewerker")
    product = ProductFactory(upl_naam="paspoort")
    moment = timezone.now() - dt.timedelta(hours=1)
    contact = contact_register(
        kanaal=telefoon,
        medewerker=medewerker,
        partij=partij,
        plaatsgevonden_op=moment,
        duur=dt.timedelta(minutes=4),
        onderwerp="Paspoort",
        vragen=[
            vraag(redenen["paspoort"], product=product, antwoord="Maak een afspraak."),
            vraag(
                redenen["afval"],
                vraagtekst="Wanneer komt de kliko?",
                afhandeling=Afhandeling.CONTACTVERZOEK,
            ),
        ],
    )
    contact.refresh_from_db()
    assert contact.kanaal == telefoon
    assert contact.partij == partij
    assert contact.medewerker == medewerker
    assert contact.plaatsgevonden_op == moment
    assert contact.duur == dt.timedelta(minutes=4)
    vragen = list(contact.vragen.order_by("pk"))
    assert [v.afhandeling for v in vragen] == ["beantwoord", "contactverzoek"]
    assert vragen[0].product == product
    assert vragen[0].antwoord == "Maak een afspraak."
    assert vragen[1].contactreden == redenen["afval"]


@pytest.mark.django_db
def test_the_reference_number_is_unique_and_readable(telefoon, redenen):
    first = contact_register(kanaal=telefoon, medewerker=None, vragen=[vraag(redenen["afval"])])
    second = contact_register(kanaal="balie", medewerker=None, vragen=[vraag(redenen["afval"])])
    year = timezone.localdate().year
    for contact in (first, second):
        assert re.fullmatch(rf"KC-{year}-\d{{6}}", contact.referentienummer)
        assert Klantcontact.objects.get(referentienummer=contact.referentienummer) == contact
    assert first.referentienummer != second.referentienummer
    assert second.kanaal.code == "balie"


@pytest.mark.django_db
def test_the_reference_number_takes_the_year_of_the_contact(telefoon, redenen):
    moment = dt.datetime(2024, 12, 31, 23, 30, tzinfo=dt.UTC)  # 1 January 2025 in Amsterdam
    contact = contact_register(
        kanaal=telefoon, medewerker=None, vragen=[vraag(redenen["afval"])], plaatsgevonden_op=moment
    )
    assert contact.referentienummer.startswith("KC-2025-")


@pytest.mark.django_db
def test_a_retry_with_the_same_idempotency_key_is_stored_once(telefoon, redenen, partij):
    kwargs = {
        "kanaal": telefoon,
        "medewerker": None,
        "partij": partij,
        "vragen": [vraag(redenen["afval"])],
        "idempotency_key": "formulier-123",
    }
    first = contact_register(**kwargs)
    second = contact_register(**kwargs)
    assert second.pk == first.pk
    assert second.referentienummer == first.referentienummer
    assert Klantcontact.objects.count() == 1
    assert Vraag.objects.count() == 1
    third = contact_register(**{**kwargs, "idempotency_key": "formulier-124"})
    assert third.pk != first.pk


@pytest.mark.django_db
def test_without_questions_the_contact_is_refused(telefoon):
    with pytest.raises(DomainError) as excinfo:
        contact_register(kanaal=telefoon, medewerker=None, vragen=[])
    assert excinfo.value.field == "vragen"
    assert excinfo.value.message == "Leg ten minste één vraag vast."
    assert Klantcontact.objects.count() == 0


@pytest.mark.django_db
def test_an_inactive_channel_is_refused(telefoon, redenen):
    Kanaal.objects.filter(pk=telefoon.pk).update(is_actief=False)
    telefoon.refresh_from_db()
    with pytest.raises(DomainError) as excinfo:
        contact_register(kanaal=telefoon, medewerker=None, vragen=[vraag(redenen["afval"])])
    assert excinfo.value.message == "Het kanaal 'Telefoon' is niet meer in gebruik."
    assert excinfo.value.field == "kanaal"
    assert Klantcontact.objects.count() == 0


@pytest.mark.django_db
def test_an_unknown_channel_code_is_refused(redenen):
    with pytest.raises(DomainError) as excinfo:
        contact_register(kanaal="fax", medewerker=None, vragen=[vraag(redenen["afval"])])
    assert excinfo.value.field == "kanaal"


@pytest.mark.django_db
def test_an_inactive_contact_reason_is_refused(telefoon, redenen):
    contactreden_deactivate(contactreden=redenen["documenten"])
    paspoort = Contactreden.objects.get(pk=redenen["paspoort"].pk)
    with pytest.raises(DomainError) as excinfo:
        contact_register(
            kanaal=telefoon,
            medewerker=None,
            vragen=[vraag(redenen["afval"]), vraag(paspoort)],
        )
    assert excinfo.value.message == (
        "Vraag 2: de contactreden 'Paspoort aanvragen' is niet meer in gebruik."
    )
    assert excinfo.value.field == "contactreden"
    assert Klantcontact.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"vragen": "leeg"}, "vraagtekst"),
        ({"vragen": "afhandeling"}, "afhandeling"),
        ({"plaatsgevonden_op": "toekomst"}, "plaatsgevonden_op"),
        ({"plaatsgevonden_op": "naief"}, "plaatsgevonden_op"),
        ({"duur": "negatief"}, "duur"),
        ({"idempotency_key": " "}, "idempotency_key"),
    ],
)
def test_invalid_contact_input_names_the_field(telefoon, redenen, change, field):
    kwargs = {"kanaal": telefoon, "medewerker": None, "vragen": [vraag(redenen["afval"])]}
    values = {
        "leeg": [vraag(redenen["afval"], vraagtekst=" ")],
        "afhandeling": [vraag(redenen["afval"], afhandeling="vergeten")],
        "toekomst": timezone.now() + dt.timedelta(hours=1),
        "naief": dt.datetime(2025, 3, 1, 10, 0),
        "negatief": dt.timedelta(minutes=-1),
    }
    for key, value in change.items():
        kwargs[key] = values.get(value, value)
    with pytest.raises(DomainError) as excinfo:
        contact_register(**kwargs)
    assert excinfo.value.field == field
    assert Klantcontact.objects.count() == 0


@pytest.mark.django_db
def test_a_contact_records_which_article_version_was_given(telefoon, redenen):
    from loket.contacts.services import VraagInput, contact_register
    from loket.knowledge.services import artikel_create, artikel_publish

    artikel = artikel_create(
        slug="paspoort", vraag="Paspoort aanvragen?", antwoord="<p>Afspraak.</p>"
    )
    versie = artikel_publish(artikel=artikel, revisie=artikel.revisie)
    contact = contact_register(
        kanaal=telefoon,
        medewerker=None,
        vragen=[
            VraagInput(
                vraagtekst="Hoe vraag ik een paspoort aan?",
                contactreden=redenen["paspoort"],
                afhandeling="beantwoord",
                antwoord="Maak een afspraak.",
                kennisartikel_versie=versie,
            )
        ],
    )
    assert contact.vragen.get().kennisartikel_versie == versie
