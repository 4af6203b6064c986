"""The knowledge pages through the test client: staff knowledge home and the redactie."""

import re

import pytest
from django.urls import reverse

from loket.accounts.services import team_add_member, team_create
from loket.knowledge.constants import ArtikelStatus
from loket.knowledge.models import (
    ArtikelFeedback,
    FeedbackStatus,
    Kennisartikel,
    Leesbevestiging,
    Nieuwsbericht,
    Synoniem,
    Werkinstructie,
    ZoekLog,
)
from loket.knowledge.selectors import kennis_search
from loket.knowledge.services import (
    artikel_create,
    artikel_publish,
    artikel_update,
    feedback_create,
    nieuws_create,
    werkinstructie_create,
)

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", response.content.decode()))


@pytest.fixture
def kcm(make_user):
    return make_user("kcc-medewerker", username="kim")


@pytest.fixture
def redacteur(make_user):
    return make_user("redacteur", username="rita")


@pytest.fixture
def artikel(product):
    artikel = artikel_create(
        slug="paspoort-aanvragen",
        vraag="Hoe vraag ik een paspoort aan?",
        samenvatting="Maak een afspraak.",
        antwoord="<p>Maak een afspraak op het gemeentehuis.</p>",
        telefoonscript="Zeg: u maakt een afspraak via de website.",
        kort="Paspoort: maak een afspraak.",
        producten=[product("paspoort")],
    )
    artikel_publish(artikel=artikel, revisie=artikel.revisie)
    artikel.refresh_from_db()
    return artikel


def _form_data(artikel: Kennisartikel, **changes) -> dict:
    data = {
        "vraag": artikel.vraag,
        "samenvatting": artikel.samenvatting,
        "antwoord": artikel.antwoord,
        "telefoonscript": artikel.telefoonscript,
        "email": artikel.email,
        "kort": artikel.kort,
        "synoniemen": "\n".join(artikel.synoniemen),
        "trefwoorden": "",
        "voorbeeldvragen": "",
        "producten": [p.pk for p in artikel.producten.all()],
        "categorie": artikel.categorie,
        "eigenaar": "",
        "review_datum": "",
        "revisie": artikel.revisie,
    }
    data.update(changes)
    return data


# --- Permissions ---------------------------------------------------------------------------------


def test_kcm_can_read_the_knowledge_base_but_not_the_redactie(client, kcm, artikel):
    client.force_login(kcm)
    assert client.get(reverse("knowledge:home")).status_code == 200
    assert client.get(reverse("knowledge:artikel", args=[artikel.slug])).status_code == 200
    for name, args in [
        ("knowledge:redactie", []),
        ("knowledge:artikel_bewerken", [artikel.slug]),
        ("knowledge:voorbeeld", [artikel.slug]),
        ("knowledge:feedback", []),
        ("knowledge:zoeklog", []),
        ("knowledge:synoniemen", []),
        ("knowledge:nieuws", []),
        ("knowledge:werkinstructies", []),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 403, name
    response = client.post(
        reverse("knowledge:publiceren", args=[artikel.slug]), {"revisie": artikel.revisie}
    )
    assert response.status_code == 403


def test_anonymous_users_are_sent_to_login(client):
    response = client.get(reverse("knowledge:home"))
    assert response.status_code == 302
    assert "login" in response["Location"] or "inloggen" in response["Location"]


def test_navigation_shows_kennisbank_and_redactie_by_permission(client, kcm, redacteur):
    client.force_login(kcm)
    html = client.get(reverse("knowledge:home")).content.decode()
    assert 'href="/kennis/"' in html
    assert 'href="/kennis/redactie/"' not in html
    client.force_login(redacteur)
    html = client.get(reverse("knowledge:home")).content.decode()
    assert 'href="/kennis/redactie/"' in html


# --- Staff knowledge home ------------------------------------------------------------------------


def test_search_shows_the_telefoonscript_products_and_version(client, kcm, artikel):
    client.force_login(kcm)
    response = client.get(reverse("knowledge:home"), {"q": "paspoort aanvragen"})
    page = text(response)
    assert "Hoe vraag ik een paspoort aan?" in page
    assert "u maakt een afspraak via de website" in page
    assert "versie 1" in page
    assert "paspoort" in page


def test_search_fragment_for_htmx_is_only_the_results(client, kcm, artikel):
    client.force_login(kcm)
    response = client.get(
        reverse("knowledge:home"),
        {"q": "paspoort"},
        headers={"HX-Request": "true", "HX-Target": "kennis-resultaten"},
    )
    html = response.content.decode()
    assert "Hoe vraag ik een paspoort aan?" in html
    assert "<html" not in html


def test_empty_search_gives_a_prompt(client, kcm):
    client.force_login(kcm)
    assert "Typ de vraag van de inwoner" in text(client.get(reverse("knowledge:home")))


def test_news_is_filtered_by_team_and_read_receipt_is_idempotent(client, kcm, make_user):
    eigen = team_create(name="KCC", slug="kcc")
    ander = team_create(name="Belastingen", slug="belastingen")
    team_add_member(team=eigen, user=kcm)
    storing = nieuws_create(
        titel="Storing in de telefooncentrale",
        inhoud="<p>Bel 14 0000.</p>",
        is_belangrijk=True,
        teams=[eigen],
    )
    nieuws_create(titel="Voor iedereen", inhoud="<p>Hallo.</p>")
    nieuws_create(titel="Alleen voor belastingen", inhoud="<p>Geheim.</p>", teams=[ander])
    client.force_login(kcm)
    page = text(client.get(reverse("knowledge:home")))
    assert "Storing in de telefooncentrale" in page
    assert "Voor iedereen" in page
    assert "Alleen voor belastingen" not in page
    assert page.index("Storing in de telefooncentrale") < page.index("Zoeken")

    url = reverse("knowledge:nieuws_gelezen", args=[storing.pk])
    assert client.post(url).status_code == 302
    response = client.post(url, headers={"HX-Request": "true"})
    assert "Gelezen" in text(response)
    assert Leesbevestiging.objects.filter(bericht=storing, medewerker=kcm).count() == 1
    response = client.get(reverse("knowledge:home"))
    assert response.context["vastgezet"] == []
    assert [b.titel for b in response.context["nieuws"]][-1] == "Storing in de telefooncentrale"


def test_news_of_another_team_cannot_be_marked_read(client, kcm):
    ander = team_create(name="Belastingen", slug="belastingen")
    bericht = nieuws_create(titel="x", inhoud="<p>x</p>", teams=[ander])
    client.force_login(kcm)
    assert client.post(reverse("knowledge:nieuws_gelezen", args=[bericht.pk])).status_code == 404
    assert not Leesbevestiging.objects.exists()


def test_werkinstructies_for_my_teams_are_listed(client, kcm, artikel):
    eigen = team_create(name="KCC", slug="kcc")
    ander = team_create(name="Belastingen", slug="belastingen")
    team_add_member(team=eigen, user=kcm)
    werkinstructie_create(
        titel="Spoedaanvraag paspoort", inhoud="<p>Bel de balie.</p>", artikelen=[artikel]
    )
    werkinstructie_create(titel="Kwijtschelding intern", inhoud="<p>x</p>", teams=[ander])
    client.force_login(kcm)
    page = text(client.get(reverse("knowledge:home")))
    assert "Spoedaanvraag paspoort" in page
    assert "Kwijtschelding intern" not in page
    page = text(client.get(reverse("knowledge:artikel", args=[artikel.slug])))
    assert "Spoedaanvraag paspoort" in page


def test_article_page_shows_the_published_version_per_channel(client, kcm, artikel):
    artikel_update(artikel=artikel, revisie=artikel.revisie, telefoonscript="Nog niet klaar.")
    client.force_login(kcm)
    url = reverse("knowledge:artikel", args=[artikel.slug])
    page = text(client.get(url))
    assert "u maakt een afspraak via de website" in page
    assert "Nog niet klaar" not in page
    assert "Maak een afspraak op het gemeentehuis." in text(client.get(url, {"kanaal": "web"}))
    assert "Paspoort: maak een afspraak." in text(client.get(url, {"kanaal": "kort"}))
    assert "het webantwoord wordt getoond" in text(client.get(url, {"kanaal": "email"}))


def test_unpublished_article_is_not_found(client, kcm):
    artikel_create(slug="concept", vraag="Concept", antwoord="<p>x</p>")
    client.force_login(kcm)
    assert client.get(reverse("knowledge:artikel", args=["concept"])).status_code == 404


def test_feedback_on_an_article_records_the_version(client, kcm, artikel):
    client.force_login(kcm)
    url = reverse("knowledge:artikel_feedback", args=[artikel.slug])
    response = client.post(url, {"soort": "onvolledig", "opmerking": ""})
    assert response.status_code == 400
    assert response.context["feedback_form"].errors["opmerking"]
    response = client.post(url, {"soort": "onvolledig", "opmerking": "De kosten ontbreken."})
    assert response.status_code == 302
    feedback = ArtikelFeedback.objects.get()
    assert (feedback.versie, feedback.melder, feedback.status) == (
        artikel.gepubliceerde_versie,
        kcm,
        FeedbackStatus.OPEN,
    )


# --- Redactie ------------------------------------------------------------------------------------


def test_redactie_lists_articles_with_filters_and_counts(client, redacteur, artikel):
    artikel_create(slug="concept", vraag="Een concept", antwoord="<p>x</p>", categorie="afval")
    client.force_login(redacteur)
    page = text(client.get(reverse("knowledge:redactie")))
    assert "Hoe vraag ik een paspoort aan?" in page and "Een concept" in page
    assert "2 artikelen" in page
    page = text(client.get(reverse("knowledge:redactie"), {"status": "concept"}))
    assert "Een concept" in page and "Hoe vraag ik een paspoort aan?" not in page
    page = text(client.get(reverse("knowledge:redactie"), {"verlopen": "on"}))
    assert "Geen artikelen met deze filters." in page


def test_redacteur_creates_edits_and_a_second_redacteur_publishes(
    client, redacteur, product, make_user
):
    afval = product("afvalcontainer")
    client.force_login(redacteur)
    response = client.post(
        reverse("knowledge:artikel_nieuw"),
        {
            "vraag": "Mijn kliko is kapot",
            "antwoord": "<p>Meld het.</p><script>alert(1)</script>",
            "synoniemen": "kliko\nminicontainer\n",
            "producten": [afval.pk],
            "kort": "Meld een kapotte kliko op de website.",
        },
    )
    assert response.status_code == 302
    artikel = Kennisartikel.objects.get(slug="mijn-kliko-is-kapot")
    assert artikel.antwoord == "<p>Meld het.</p>"
    assert artikel.synoniemen == ["kliko", "minicontainer"]
    assert artikel.status == ArtikelStatus.CONCEPT

    edit = reverse("knowledge:artikel_bewerken", args=[artikel.slug])
    response = client.post(edit, _form_data(artikel, telefoonscript="Zeg: meld het online."))
    assert response.status_code == 302
    artikel.refresh_from_db()
    assert artikel.telefoonscript == "Zeg: meld het online."

    # Four eyes (issue 16, item 14): the author offers it, cannot approve it, a second does.
    response = client.post(
        reverse("knowledge:publiceren", args=[artikel.slug]), {"revisie": artikel.revisie}
    )
    artikel.refresh_from_db()
    assert artikel.status == ArtikelStatus.CONCEPT
    assert artikel.gepubliceerde_versie is None
    client.post(reverse("knowledge:aanbieden", args=[artikel.slug]), {"revisie": artikel.revisie})
    artikel.refresh_from_db()
    assert artikel.status == ArtikelStatus.TER_BEOORDELING
    response = client.post(
        reverse("knowledge:publiceren", args=[artikel.slug]),
        {"revisie": artikel.revisie},
        follow=True,
    )
    assert "kunt haar niet zelf goedkeuren" in text(response)
    artikel.refresh_from_db()
    assert artikel.gepubliceerde_versie is None

    client.force_login(make_user("redacteur", username="ruud"))
    response = client.post(
        reverse("knowledge:publiceren", args=[artikel.slug]), {"revisie": artikel.revisie}
    )
    assert response.status_code == 302
    artikel.refresh_from_db()
    assert artikel.status == ArtikelStatus.GEPUBLICEERD
    assert artikel.gepubliceerde_versie.nummer == 1
    assert artikel.gepubliceerde_versie.gepubliceerd_door.username == "ruud"
    assert artikel.gepubliceerde_versie.ingediend_door == redacteur


def test_edit_conflict_keeps_the_users_input(client, redacteur, artikel):
    client.force_login(redacteur)
    edit = reverse("knowledge:artikel_bewerken", args=[artikel.slug])
    oud = artikel.revisie
    artikel_update(artikel=artikel, revisie=oud, samenvatting="Iemand anders was eerst.")

    response = client.post(
        edit, _form_data(artikel, revisie=oud, telefoonscript="Mijn zorgvuldige nieuwe tekst.")
    )

    assert response.status_code == 409
    page = text(response)
    assert "Iemand anders heeft dit artikel intussen gewijzigd" in page
    assert "Mijn zorgvuldige nieuwe tekst." in response.content.decode()
    artikel.refresh_from_db()
    assert artikel.samenvatting == "Iemand anders was eerst."
    assert artikel.telefoonscript != "Mijn zorgvuldige nieuwe tekst."


def test_publish_conflict_gives_a_message_and_publishes_nothing(client, redacteur, artikel):
    client.force_login(redacteur)
    response = client.post(
        reverse("knowledge:publiceren", args=[artikel.slug]),
        {"revisie": artikel.revisie - 1},
        follow=True,
    )
    assert "intussen door iemand anders gewijzigd of gepubliceerd" in text(response)
    assert artikel.versies.count() == 1


def test_preview_renders_channels_without_saving_or_publishing(client, redacteur, artikel):
    client.force_login(redacteur)
    url = reverse("knowledge:voorbeeld", args=[artikel.slug])
    page = text(client.get(url))
    assert "u maakt een afspraak via de website" in page
    response = client.post(
        url,
        _form_data(
            artikel,
            antwoord="<p>Nieuw antwoord<script>x</script></p>",
            telefoonscript="Voorbeeldscript.",
        ),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Voorbeeldscript." in html and "Nieuw antwoord" in html
    assert "<script>x" not in html
    before = artikel.revisie
    artikel.refresh_from_db()
    assert artikel.revisie == before
    assert artikel.telefoonscript == "Zeg: u maakt een afspraak via de website."
    assert artikel.versies.count() == 1
    assert artikel.gepubliceerde_versie.telefoonscript == artikel.telefoonscript


def test_archiving_removes_the_article_from_search(client, redacteur, artikel):
    def gevonden():
        return any(
            a.versie and a.versie.artikel_id == artikel.pk
            for a in kennis_search(q="paspoort aanvragen").antwoorden
        )

    assert gevonden()
    client.force_login(redacteur)
    response = client.post(
        reverse("knowledge:archiveren", args=[artikel.slug]), {"revisie": artikel.revisie}
    )
    assert response.status_code == 302
    artikel.refresh_from_db()
    assert artikel.status == ArtikelStatus.GEARCHIVEERD
    assert not gevonden()
    assert artikel.versies.count() == 1


def test_feedback_queue_lists_open_first_and_handles_an_item(client, redacteur, kcm, artikel):
    item = feedback_create(
        artikel=artikel, soort="onjuist", opmerking="Tarief klopt niet.", user=kcm
    )
    client.force_login(redacteur)
    page = text(client.get(reverse("knowledge:feedback")))
    assert "Tarief klopt niet." in page
    url = reverse("knowledge:feedback_afhandelen", args=[item.pk])
    response = client.post(url, {f"f{item.pk}-status": "afgewezen", f"f{item.pk}-reactie": ""})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == FeedbackStatus.OPEN
    client.post(url, {f"f{item.pk}-status": "verwerkt", f"f{item.pk}-reactie": "Aangepast."})
    item.refresh_from_db()
    assert (item.status, item.reactie, item.afgehandeld_door) == (
        FeedbackStatus.VERWERKT,
        "Aangepast.",
        redacteur,
    )


def test_zoeklog_page_groups_queries(client, redacteur):
    for q in ["hondenpenning", "Hondenpenning", "kliko"]:
        ZoekLog.objects.create(q=q, kanaal="web", aantal_resultaten=0)
    client.force_login(redacteur)
    page = text(client.get(reverse("knowledge:zoeklog")))
    assert "hondenpenning 2 2" in page


def test_synonyms_are_added_and_switched_off(client, redacteur):
    client.force_login(redacteur)
    url = reverse("knowledge:synoniemen")
    assert client.post(url, {"term": "Kliko", "betekenis": "afvalcontainer"}).status_code == 302
    response = client.post(url, {"term": "kliko", "betekenis": "container"})
    assert response.status_code == 400
    assert "bestaat al" in text(response)
    synoniem = Synoniem.objects.get(term="kliko")
    client.post(reverse("knowledge:synoniem_uitzetten", args=[synoniem.pk]))
    synoniem.refresh_from_db()
    assert not synoniem.is_actief


def test_redacteur_posts_news_and_werkinstructies(client, redacteur):
    team = team_create(name="KCC", slug="kcc")
    client.force_login(redacteur)
    response = client.post(
        reverse("knowledge:nieuws"),
        {
            "titel": "Nieuw tarief",
            "inhoud": "<p>Vanaf 1 januari.</p>",
            "is_belangrijk": "on",
            "teams": [team.pk],
        },
    )
    assert response.status_code == 302
    bericht = Nieuwsbericht.objects.get()
    assert bericht.is_belangrijk and list(bericht.teams.all()) == [team]
    assert bericht.auteur == redacteur

    response = client.post(
        reverse("knowledge:werkinstructie_nieuw"),
        {"titel": "Balie", "inhoud": "<p>Stap 1</p>", "is_actief": "on"},
    )
    assert response.status_code == 302
    instructie = Werkinstructie.objects.get()
    response = client.post(
        reverse("knowledge:werkinstructie_bewerken", args=[instructie.pk]),
        {"titel": "Balie (nieuw)", "inhoud": "<p>Stap 2</p>"},
    )
    assert response.status_code == 302
    instructie.refresh_from_db()
    assert (instructie.titel, instructie.is_actief) == ("Balie (nieuw)", False)
    page = text(client.get(reverse("knowledge:werkinstructies")))
    assert "Balie (nieuw)" in page


def test_role_home_links_to_the_knowledge_pages(client, kcm, redacteur):
    client.force_login(kcm)
    assert 'href="/kennis/">Kennisbank raadplegen' in client.get("/medewerker/").content.decode()
    client.force_login(redacteur)
    assert 'href="/kennis/redactie/">' in client.get("/medewerker/").content.decode()
