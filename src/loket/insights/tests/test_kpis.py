"""Every KPI against a small hand-computed fixture, and the dashboard against the raw records."""

import datetime as dt

import pytest

from loket.accounts.models import Team
from loket.cases.models import Zaak, Zaaktype
from loket.contacts.constants import Afhandeling, ContactverzoekStatus
from loket.contacts.models import Contactverzoek, Klantcontact, Vraag
from loket.core.errors import DomainError
from loket.insights.models import Tevredenheidsmeting
from loket.insights.selectors import Filters, contactredenen_get, dashboard_get, filters_from_params
from loket.insights.services import (
    paginabezoek_register,
    samenvattingen_recompute,
    samenvattingen_update,
    telefonie_gebeurtenis_process,
)
from loket.insights.tests.conftest import at
from loket.parties.models import Partij

D = dt.date(2026, 3, 2)  # Monday
_n = {"i": 0}


def contact(kanaal, moment, partij=None, medewerker=None):
    _n["i"] += 1
    return Klantcontact.objects.create(
        referentienummer=f"KC-T-{_n['i']}",
        kanaal=kanaal,
        partij=partij,
        medewerker=medewerker,
        plaatsgevonden_op=moment,
    )


def vraag(kc, reden, product, afhandeling):
    return Vraag.objects.create(
        klantcontact=kc,
        vraagtekst="?",
        contactreden=reden,
        product=product,
        afhandeling=afhandeling,
    )


@pytest.fixture
def world(db, kanalen, reden, product, product2, make_user):
    p1 = Partij.objects.create(soort="persoon", weergavenaam="P1")
    p2 = Partij.objects.create(soort="persoon", weergavenaam="P2")
    p3 = Partij.objects.create(soort="persoon", weergavenaam="P3")
    team = Team.objects.create(name="KCC", slug="kcc", kind="groep")
    agent = make_user("kcc-medewerker")
    team.members.add(agent)
    tel, web, mail = kanalen["telefoon"], kanalen["website"], kanalen["e-mail"]
    c1 = contact(tel, at(D, 10), p1, agent)
    v1 = vraag(c1, reden, product, Afhandeling.BEANTWOORD)
    c2 = contact(tel, at(D + dt.timedelta(days=2), 10), p1)
    v2 = vraag(c2, reden, product, Afhandeling.CONTACTVERZOEK)
    c3 = contact(web, at(D, 12), p2)
    vraag(c3, reden, product, Afhandeling.ZELFSTANDIG)
    vraag(c3, reden, product2, Afhandeling.ZAAK)
    c4 = contact(mail, at(D, 8), p3)
    vraag(c4, reden, product2, Afhandeling.BEANTWOORD)
    c5 = contact(mail, at(D, 9), p3)
    vraag(c5, reden, product2, Afhandeling.NIET_BEANTWOORD)
    Klantcontact.objects.filter(pk__in=[c4.pk, c5.pk]).update(created_at=at(D, 11))
    # Contactverzoeken: one handled before its deadline, one still open past it.
    Contactverzoek.objects.create(
        klantcontact=c2,
        vraag=v2,
        team=team,
        gevraagde_handeling="Bellen",
        deadline=at(D + dt.timedelta(days=2), 12),
        status=ContactverzoekStatus.VERWERKT,
        afgehandeld_op=at(D + dt.timedelta(days=2), 11),
    )
    Contactverzoek.objects.create(
        klantcontact=c1, vraag=v1, team=team, gevraagde_handeling="Bellen", deadline=at(D, 15)
    )
    # Zaken: in norm and term; late for the norm; late for both; open.
    zt = Zaaktype.objects.create(
        identificatie="pas",
        omschrijving="Paspoort",
        product=product,
        doorlooptijd_werkdagen=40,
        servicenorm_werkdagen=5,
    )
    for i, (eind, gepland, uiterlijk) in enumerate(
        [(3, 5, 20), (8, 5, 20), (30, 5, 20), (None, 5, 20)]
    ):
        Zaak.objects.create(
            identificatie=f"Z{i}",
            zaaktype=zt,
            startdatum=D,
            team=team,
            einddatum=D + dt.timedelta(days=eind) if eind is not None else None,
            einddatum_gepland=D + dt.timedelta(days=gepland),
            uiterlijke_einddatum_afdoening=D + dt.timedelta(days=uiterlijk),
        )

    # Calls: answered in 10 s (5 min), answered in 45 s (2 min), hung up after 3 s, after 60 s.
    def call(cid, offered, answered=None, ended=None, abandoned=None):
        telefonie_gebeurtenis_process(
            gesprek_id=cid, soort="aangeboden", tijdstip=offered, wachtrij="Algemeen"
        )
        if answered:
            telefonie_gebeurtenis_process(gesprek_id=cid, soort="beantwoord", tijdstip=answered)
            telefonie_gebeurtenis_process(gesprek_id=cid, soort="beeindigd", tijdstip=ended)
        if abandoned:
            telefonie_gebeurtenis_process(gesprek_id=cid, soort="verlaten", tijdstip=abandoned)

    call("A", at(D, 9), at(D, 9, 0, 10), at(D, 9, 5, 10))
    call("B", at(D, 9, 10), at(D, 9, 10, 45), at(D, 9, 12, 45))
    call("C", at(D, 9, 20), abandoned=at(D, 9, 20, 3))
    call("D", at(D, 9, 30), abandoned=at(D, 9, 31))
    for score, nps in [(5, 10), (4, 9), (2, 3), (3, None)]:
        Tevredenheidsmeting.objects.create(
            token=f"t{score}", score=score, aanbeveling=nps, beantwoord_op=at(D, 16), kanaal=tel
        )
    return {"team": team, "product": product, "p1": p1}


def kpis(filters):
    samenvattingen_update()
    return {k.code: k for k in dashboard_get(filters=filters, today=dt.date(2026, 11, 1)).kpis}


@pytest.fixture
def period():
    return Filters(van=D - dt.timedelta(days=1), tot=D + dt.timedelta(days=40), per="week")


def test_every_kpi_against_the_hand_computed_fixture(world, period):
    k = kpis(period)
    assert (k["fcr"].teller, k["fcr"].noemer, k["fcr"].waarde) == (3, 6, 50.0)
    assert (k["zelfservice"].teller, k["zelfservice"].noemer, k["zelfservice"].waarde) == (
        1,
        6,
        16.7,
    )
    # Repeats: c2 (P1 about the passport again, two days later) and c5 (P3's second e-mail
    # about the driving licence, an hour after c4).
    assert (k["herhaal"].teller, k["herhaal"].waarde) == (2, 33.3)
    assert k["contacten"].waarde == 5
    assert k["kosten"].waarde == pytest.approx(2 * 5.50 + 1 * 0.40 + 2 * 7.00)
    assert (k["email"].teller, k["email"].noemer, k["email"].waarde) == (1, 2, 50.0)
    assert (k["contactverzoek"].teller, k["contactverzoek"].noemer) == (1, 2)
    assert (k["zaak_servicenorm"].teller, k["zaak_servicenorm"].noemer) == (1, 3)
    assert (k["zaak_termijn"].teller, k["zaak_termijn"].noemer) == (2, 3)
    assert (k["serviceniveau"].teller, k["serviceniveau"].noemer, k["serviceniveau"].waarde) == (
        1,
        3,
        33.3,
    )
    assert k["verlaten"].waarde == 50.0
    assert k["asa"].waarde == 27.5
    assert k["aht"].waarde == 210.0
    assert (k["csat"].teller, k["csat"].noemer, k["csat"].waarde) == (2, 4, 50.0)
    assert k["nps"].waarde == 33.3
    assert k["fcr"].gehaald is False and k["asa"].gehaald is True


def test_dashboard_equals_the_raw_records_and_follows_changes(world, period, kanalen, reden):
    lo, hi = at(period.van, 0), at(period.tot + dt.timedelta(days=1), 0)

    def raw_fcr():
        vragen = Vraag.objects.filter(
            klantcontact__plaatsgevonden_op__gte=lo, klantcontact__plaatsgevonden_op__lt=hi
        )
        return round(
            100
            * vragen.filter(afhandeling__in=Afhandeling.front_office()).count()
            / vragen.count(),
            1,
        )

    assert kpis(period)["fcr"].waarde == raw_fcr()
    # A new contact (through the ORM, as every service does) is in the next read.
    kc = contact(kanalen["balie"], at(D + dt.timedelta(days=3), 11))
    for _ in range(3):
        vraag(kc, reden, None, Afhandeling.BEANTWOORD)
    assert kpis(period)["fcr"].waarde == raw_fcr() == round(100 * 6 / 9, 1)
    # And a deleted one leaves it again; a full rebuild gives the same figures.
    kc.delete()
    assert kpis(period)["fcr"].waarde == raw_fcr() == 50.0
    samenvattingen_recompute()
    assert kpis(period)["fcr"].waarde == 50.0


def test_team_channel_and_product_filters(world, period):
    k = kpis(Filters(van=period.van, tot=period.tot, team=world["team"]))
    assert (k["fcr"].teller, k["fcr"].noemer) == (1, 1)  # only the KCC agent's contact
    k = kpis(Filters(van=period.van, tot=period.tot, kanaalsoort="email"))
    assert k["contacten"].waarde == 2 and k["fcr"].noemer == 2
    k = kpis(Filters(van=period.van, tot=period.tot, product=world["product"]))
    assert k["fcr"].noemer == 3  # c1, c2 and c3's first question


def test_closing_a_zaak_updates_the_summary(world, period):
    zaak = Zaak.objects.get(identificatie="Z3")
    zaak.einddatum = D + dt.timedelta(days=4)
    zaak.save()
    k = kpis(period)
    assert (k["zaak_servicenorm"].teller, k["zaak_servicenorm"].noemer) == (2, 4)


def test_period_end_before_start_names_the_field(db):
    with pytest.raises(DomainError) as exc:
        filters_from_params({"van": "2026-03-10", "tot": "2026-03-01"})
    assert exc.value.field == "tot"
    assert "vóór de begindatum" in exc.value.message


def test_unknown_team_channel_and_bad_date_name_their_fields(db):
    with pytest.raises(DomainError) as exc:
        filters_from_params({"team": "bestaat-niet", "kanaal": "fax", "van": "2026-13-01"})
    assert set(exc.value.errors) == {"team", "kanaal", "van"}


def test_contact_reasons_lists(world, period):
    paginabezoek_register(product=world["product"], partij=world["p1"], sessie="s1")
    from loket.insights.models import Paginabezoek

    Paginabezoek.objects.update(bezocht_op=at(D + dt.timedelta(days=1), 20))  # 14 h before c2
    samenvattingen_update()
    tabellen = {t.key: t for t in contactredenen_get(filters=period)}
    assert tabellen["herhaal"].rijen == [["Paspoort", 3, 1, 33.3], ["Rijbewijs", 3, 1, 33.3]]
    assert tabellen["na-bezoek"].rijen == [["Paspoort", 1, 1, 100.0]]
    call_products = tabellen["producten-call"].rijen
    assert call_products[0][:2] == ["Paspoort", 2]


def test_portal_not_helped_feedback_is_listed(world, period):
    from django.apps import apps

    if not apps.is_installed("loket.portal"):
        pytest.skip("portal niet geïnstalleerd")
    model = apps.get_model("portal", "PaginaFeedback")
    for i, geholpen in enumerate([False, False, True]):
        model.objects.create(
            sleutel=f"k{i}",
            pad="/producten/paspoort/",
            product=world["product"],
            geholpen=geholpen,
            moment=at(D, 12),
        )
    tabellen = {t.key: t for t in contactredenen_get(filters=period)}
    assert tabellen["niet-geholpen"].rijen == [["Paspoort", 2, 3, 66.7]]
    assert tabellen["niet-geholpen"].links[0].endswith(f"/{world['product'].pk}/change/")


def test_a_missing_norm_counts_with_its_default(db):
    from loket.insights.models import Norm
    from loket.insights.selectors import norm_map

    Norm.objects.filter(code="fcr").delete()
    Norm.objects.filter(code="csat").update(streefwaarde=85)
    normen = norm_map()
    assert float(normen["fcr"].streefwaarde) == 80.0
    assert float(normen["csat"].streefwaarde) == 85.0
