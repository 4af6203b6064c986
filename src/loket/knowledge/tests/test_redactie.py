"""Services and selectors of the redactie: archive, news, feedback, synonyms, werkinstructies."""

from datetime import timedelta

import pytest
from django.utils import timezone

from loket.accounts.services import team_add_member, team_create
from loket.core.errors import DomainError
from loket.knowledge import redactie_selectors as rs
from loket.knowledge.constants import ArtikelStatus
from loket.knowledge.models import (
    ArtikelVersie,
    FeedbackStatus,
    Leesbevestiging,
    Synoniem,
    ZoekLog,
)
from loket.knowledge.selectors import kennis_search
from loket.knowledge.services import (
    artikel_archive,
    artikel_create,
    artikel_preview,
    artikel_publish,
    feedback_create,
    feedback_handle,
    nieuws_create,
    nieuws_mark_read,
    synoniem_create,
    synoniem_deactivate,
    werkinstructie_create,
    werkinstructie_update,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def gepubliceerd(product):
    artikel = artikel_create(
        slug="afvalcontainer-kapot",
        vraag="Mijn afvalcontainer is kapot, wat nu?",
        antwoord="<p>Meld het via de website.</p>",
        telefoonscript="Zeg: u kunt het melden op de website.",
        producten=[product("afvalcontainer")],
    )
    artikel_publish(artikel=artikel, revisie=artikel.revisie)
    artikel.refresh_from_db()
    return artikel


def _artikel_slugs(q: str) -> set[str]:
    return {a.versie.artikel.slug for a in kennis_search(q=q).antwoorden if a.versie}


def test_archiving_removes_the_article_from_search_and_keeps_its_versions(gepubliceerd):
    assert "afvalcontainer-kapot" in _artikel_slugs("afvalcontainer kapot")
    with pytest.raises(DomainError) as exc:
        artikel_archive(artikel=gepubliceerd, revisie=gepubliceerd.revisie - 1)
    assert exc.value.code == "conflict"

    artikel = artikel_archive(artikel=gepubliceerd, revisie=gepubliceerd.revisie)

    assert artikel.status == ArtikelStatus.GEARCHIVEERD
    assert artikel.gepubliceerde_versie is None
    assert ArtikelVersie.objects.filter(artikel=artikel).count() == 1
    assert "afvalcontainer-kapot" not in _artikel_slugs("afvalcontainer kapot")
    with pytest.raises(DomainError, match="al gearchiveerd"):
        artikel_archive(artikel=artikel, revisie=artikel.revisie)


def test_publishing_an_archived_article_brings_it_back(gepubliceerd):
    artikel = artikel_archive(artikel=gepubliceerd, revisie=gepubliceerd.revisie)
    versie = artikel_publish(artikel=artikel, revisie=artikel.revisie)
    assert versie.nummer == 2
    assert "afvalcontainer-kapot" in _artikel_slugs("afvalcontainer kapot")


def test_preview_cleans_like_saving_and_saves_nothing(gepubliceerd):
    inhoud = artikel_preview(
        vraag="Vraag", antwoord="<p onclick='x()'>Hoi<script>x</script></p>", kort="kort"
    )
    assert inhoud["antwoord"] == "<p>Hoi</p>"
    with pytest.raises(DomainError):
        artikel_preview(vraag="Vraag", antwoord="<p>a</p>", kort="x" * 161)


def test_channel_renderings_fall_back_to_the_web_answer(gepubliceerd):
    weergaven = {w.kanaal: w for w in rs.kanaal_weergaven(gepubliceerd.gepubliceerde_versie)}
    assert not weergaven["telefoon"].terugval
    assert "melden op de website" in weergaven["telefoon"].html
    assert weergaven["email"].terugval
    assert weergaven["email"].html == "<p>Meld het via de website.</p>"


def test_feedback_records_the_published_version_and_moves_through_its_statuses(
    gepubliceerd, make_user
):
    kcm, redacteur = make_user("kcc-medewerker"), make_user("redacteur")
    with pytest.raises(DomainError, match="Schrijf kort"):
        feedback_create(artikel=gepubliceerd, soort="onjuist", opmerking=" ", user=kcm)
    with pytest.raises(DomainError):
        feedback_create(artikel=gepubliceerd, soort="fout", opmerking="x", user=kcm)
    item = feedback_create(
        artikel=gepubliceerd, soort="onvolledig", opmerking="Kosten ontbreken.", user=kcm
    )
    assert item.versie == gepubliceerd.gepubliceerde_versie
    assert item.status == FeedbackStatus.OPEN

    with pytest.raises(DomainError, match="waarom"):
        feedback_handle(feedback=item, status=FeedbackStatus.AFGEWEZEN, user=redacteur)
    item = feedback_handle(
        feedback=item, status=FeedbackStatus.VERWERKT, reactie="Aangevuld.", user=redacteur
    )
    assert (item.status, item.afgehandeld_door) == (FeedbackStatus.VERWERKT, redacteur)
    with pytest.raises(DomainError) as exc:
        feedback_handle(feedback=item, status=FeedbackStatus.AFGEWEZEN, reactie="x", user=redacteur)
    assert exc.value.code == "invalid_transition"


def test_feedback_queue_puts_open_items_first(gepubliceerd, make_user):
    kcm, redacteur = make_user("kcc-medewerker"), make_user("redacteur")
    oud = feedback_create(artikel=gepubliceerd, soort="onjuist", opmerking="Oud", user=kcm)
    feedback_handle(feedback=oud, status=FeedbackStatus.IN_BEHANDELING, user=redacteur)
    feedback_create(artikel=gepubliceerd, soort="onjuist", opmerking="Nieuw", user=kcm)
    assert [f.opmerking for f in rs.feedback_queue()] == ["Nieuw", "Oud"]
    assert [f.opmerking for f in rs.feedback_queue(status="open")] == ["Nieuw"]


def test_synonym_terms_are_lowercase_and_unique():
    synoniem = synoniem_create(term="  Kliko ", betekenis="afvalcontainer")
    assert synoniem.term == "kliko"
    with pytest.raises(DomainError, match="bestaat al") as exc:
        synoniem_create(term="KLIKO", betekenis="container")
    assert exc.value.field == "term"
    with pytest.raises(DomainError, match="gelijk"):
        synoniem_create(term="stoep", betekenis="Stoep")

    synoniem_deactivate(synoniem=synoniem)
    assert not Synoniem.objects.get(term="kliko").is_actief
    with pytest.raises(DomainError, match="staat al uit"):
        synoniem_deactivate(synoniem=synoniem)
    again = synoniem_create(term="kliko", betekenis="minicontainer")
    assert (again.pk, again.is_actief, again.betekenis) == (synoniem.pk, True, "minicontainer")


def test_news_is_filtered_by_team_and_important_unread_news_comes_first(make_user):
    kcm = make_user("kcc-medewerker")
    eigen = team_create(name="KCC", slug="kcc")
    ander = team_create(name="Belastingen", slug="belastingen")
    team_add_member(team=eigen, user=kcm)
    now = timezone.now()
    iedereen = nieuws_create(titel="Voor iedereen", inhoud="<p>a</p>", gepubliceerd_op=now)
    nieuws_create(titel="Voor belastingen", inhoud="<p>b</p>", teams=[ander])
    belangrijk = nieuws_create(
        titel="Storing",
        inhoud="<p>c</p>",
        teams=[eigen],
        is_belangrijk=True,
        gepubliceerd_op=now - timedelta(hours=2),
    )
    nieuws_create(
        titel="Verlopen",
        inhoud="<p>d</p>",
        gepubliceerd_op=now - timedelta(days=2),
        verloopt_op=now - timedelta(days=1),
    )
    assert [b.titel for b in rs.nieuws_voor_medewerker(user=kcm)] == [
        "Storing",
        "Voor iedereen",
    ]
    nieuws_mark_read(bericht=belangrijk, user=kcm)
    nieuws_mark_read(bericht=belangrijk, user=kcm)
    assert Leesbevestiging.objects.filter(bericht=belangrijk, medewerker=kcm).count() == 1
    assert [b.pk for b in rs.nieuws_voor_medewerker(user=kcm)] == [iedereen.pk, belangrijk.pk]


def test_news_needs_a_title_and_content_and_a_sensible_end():
    with pytest.raises(DomainError) as exc:
        nieuws_create(titel="", inhoud="<p>x</p>")
    assert exc.value.field == "titel"
    with pytest.raises(DomainError) as exc:
        nieuws_create(titel="x", inhoud="<script>x</script>")
    assert exc.value.field == "inhoud"
    with pytest.raises(DomainError) as exc:
        nieuws_create(titel="x", inhoud="<p>x</p>", verloopt_op=timezone.now() - timedelta(1))
    assert exc.value.field == "verloopt_op"


def test_werkinstructies_are_sanitised_and_shown_to_their_teams(gepubliceerd, make_user):
    kcm = make_user("kcc-medewerker")
    team = team_create(name="KCC", slug="kcc")
    ander = team_create(name="Vergunningen", slug="vergunningen")
    team_add_member(team=team, user=kcm)
    eigen = werkinstructie_create(
        titel="Melding container",
        inhoud="<p>Stap 1<script>x</script></p>",
        teams=[team],
        artikelen=[gepubliceerd],
    )
    werkinstructie_create(titel="Alleen vergunningen", inhoud="<p>x</p>", teams=[ander])
    assert eigen.inhoud == "<p>Stap 1</p>"
    assert [w.titel for w in rs.werkinstructies_voor_medewerker(user=kcm)] == ["Melding container"]
    assert list(rs.werkinstructies_bij_artikel(artikel=gepubliceerd, user=kcm)) == [eigen]

    werkinstructie_update(werkinstructie=eigen, titel="Oud", inhoud="<p>x</p>", is_actief=False)
    assert list(rs.werkinstructies_voor_medewerker(user=kcm)) == []


def test_zoeklog_groups_queries_of_the_last_30_days():
    for q in ["Hondenbelasting", "hondenbelasting ", "kliko"]:
        ZoekLog.objects.create(q=q, kanaal="web", aantal_resultaten=0)
    oud = ZoekLog.objects.create(q="oud", kanaal="web", aantal_resultaten=0)
    ZoekLog.objects.filter(pk=oud.pk).update(gezocht_op=timezone.now() - timedelta(days=31))
    tellingen = rs.zoeklog_overzicht()
    assert [(t.q, t.aantal, t.zonder_resultaat) for t in tellingen] == [
        ("hondenbelasting", 2, 2),
        ("kliko", 1, 1),
    ]


def test_redactie_list_filters_on_overdue_review(gepubliceerd):
    gepubliceerd.review_datum = timezone.localdate() - timedelta(days=1)
    gepubliceerd.save()
    artikel_create(slug="nieuw", vraag="Nieuw", antwoord="<p>x</p>")
    assert [a.slug for a in rs.artikel_redactie_list(verlopen=True)] == ["afvalcontainer-kapot"]
    assert [a.slug for a in rs.artikel_redactie_list(status="concept")] == ["nieuw"]
    tellingen = rs.artikel_redactie_tellingen()
    assert (tellingen["totaal"], tellingen["concept"], tellingen["verlopen"]) == (2, 1, 1)
