import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from loket.accounts.services import team_add_member, team_create
from loket.contacts.constants import Afhandeling, ContactverzoekStatus, GebeurtenisSoort
from loket.contacts.models import Klantcontact
from loket.contacts.selectors import contactverzoek_list
from loket.contacts.services import (
    VraagInput,
    contact_register,
    contactverzoek_assign_to_me,
    contactverzoek_close,
    contactverzoek_create,
    contactverzoek_forward,
    contactverzoek_register_attempt,
    contactverzoek_reopen,
)
from loket.core.errors import DomainError

AMS = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def kcc(make_user):
    return make_user("kcc-medewerker", username="kim")


@pytest.fixture
def bo(make_user):
    user = make_user("backoffice-medewerker", username="bram")
    user.email = "bram@zeventerpen.example"
    user.save()
    return user


@pytest.fixture
def burgerzaken(bo):
    team = team_create(name="Burgerzaken", slug="burgerzaken")
    team_add_member(team=team, user=bo)
    return team


@pytest.fixture
def vraag(db, telefoon, redenen, partij, kcc):
    contact = contact_register(
        kanaal=telefoon,
        medewerker=kcc,
        partij=partij,
        vragen=[
            VraagInput(
                vraagtekst="Mijn paspoort is niet aangekomen.",
                contactreden=redenen["paspoort"],
                afhandeling=Afhandeling.CONTACTVERZOEK,
            )
        ],
    )
    return contact.vragen.get()


@pytest.fixture
def verzoek(vraag, burgerzaken, kcc):
    return contactverzoek_create(
        vraag=vraag,
        team=burgerzaken,
        gevraagde_handeling="Bel de klant terug over de levering.",
        terugbelnummer="06 12345678",
        user=kcc,
    )


def test_deadline_counts_working_hours_and_skips_weekend_and_koningsdag(
    monkeypatch, vraag, burgerzaken, kcc
):
    # Friday 24 April 2026, 15:00; Monday 27 April is Koningsdag.
    friday = dt.datetime(2026, 4, 24, 15, 0, tzinfo=AMS)
    monkeypatch.setattr("loket.contacts.services.timezone.now", lambda: friday)
    verzoek = contactverzoek_create(
        vraag=vraag, team=burgerzaken, gevraagde_handeling="Terugbellen", email="a@b.nl", user=kcc
    )
    # 2 h on Friday, Tuesday 8.5 h, then 5.5 h on Wednesday: 14:00.
    assert verzoek.deadline.astimezone(AMS) == dt.datetime(2026, 4, 29, 14, 0, tzinfo=AMS)


def test_create_normalises_the_phone_and_logs_the_event(verzoek):
    assert verzoek.terugbelnummer == "+31612345678"
    assert verzoek.status == ContactverzoekStatus.TE_VERWERKEN
    assert verzoek.partij_id == verzoek.klantcontact.partij_id
    assert [g.soort for g in verzoek.gebeurtenissen.all()] == [GebeurtenisSoort.AANGEMAAKT]


def test_create_without_team_or_medewerker_names_the_field(vraag, kcc):
    with pytest.raises(DomainError) as exc:
        contactverzoek_create(vraag=vraag, gevraagde_handeling="Bellen", email="a@b.nl", user=kcc)
    assert exc.value.field == "team"


def test_create_with_bad_phone_names_the_field(vraag, burgerzaken, kcc):
    with pytest.raises(DomainError) as exc:
        contactverzoek_create(
            vraag=vraag,
            team=burgerzaken,
            gevraagde_handeling="Bellen",
            terugbelnummer="12",
            user=kcc,
        )
    assert exc.value.field == "terugbelnummer"


def test_create_for_a_question_answered_directly_is_refused(telefoon, redenen, kcc, burgerzaken):
    contact = contact_register(
        kanaal=telefoon,
        medewerker=kcc,
        vragen=[VraagInput("Vraag", redenen["paspoort"], Afhandeling.BEANTWOORD)],
    )
    with pytest.raises(DomainError) as exc:
        contactverzoek_create(
            vraag=contact.vragen.get(),
            team=burgerzaken,
            gevraagde_handeling="x",
            email="a@b.nl",
            user=kcc,
        )
    assert exc.value.field == "afhandeling"


def test_forward_to_an_inactive_team_is_refused_with_the_field_named(verzoek, bo, make_user):
    leeg = team_create(name="Opgeheven", slug="opgeheven")
    oud = make_user("backoffice-medewerker")
    oud.is_active = False
    oud.save()
    team_add_member(team=leeg, user=oud)
    with pytest.raises(DomainError) as exc:
        contactverzoek_forward(verzoek=verzoek, team=leeg, user=bo)
    assert exc.value.field == "team"
    assert "Opgeheven" in exc.value.message
    verzoek.refresh_from_db()
    assert verzoek.team.slug == "burgerzaken"


def test_forward_to_an_inactive_medewerker_is_refused(verzoek, bo, make_user):
    weg = make_user("backoffice-medewerker")
    weg.is_active = False
    weg.save()
    with pytest.raises(DomainError) as exc:
        contactverzoek_forward(verzoek=verzoek, medewerker=weg, user=bo)
    assert exc.value.field == "medewerker"


def test_kcc_medewerker_may_not_handle_a_verzoek(verzoek, kcc):
    with pytest.raises(PermissionDenied):
        contactverzoek_assign_to_me(verzoek=verzoek, user=kcc)


def test_close_registers_a_klantcontact_on_the_timeline(verzoek, bo, partij):
    contactverzoek_register_attempt(
        verzoek=verzoek, user=bo, bereikt=False, kanaal="telefoon", toelichting="Voicemail"
    )
    voor = Klantcontact.objects.filter(partij=partij).count()
    verzoek = contactverzoek_close(verzoek=verzoek, user=bo, resultaat="Paspoort ligt klaar.")
    assert verzoek.status == ContactverzoekStatus.VERWERKT
    assert verzoek.afgehandeld_op is not None
    assert Klantcontact.objects.filter(partij=partij).count() == voor + 1
    nieuw = Klantcontact.objects.filter(partij=partij).latest("pk")
    assert nieuw.medewerker == bo
    assert nieuw.vragen.get().afhandeling == Afhandeling.BEANTWOORD
    assert nieuw.vragen.get().antwoord == "Paspoort ligt klaar."
    assert [g.soort for g in verzoek.gebeurtenissen.all()] == [
        GebeurtenisSoort.AANGEMAAKT,
        GebeurtenisSoort.TERUGBELPOGING,
        GebeurtenisSoort.AFGESLOTEN,
    ]


def test_closed_verzoek_refuses_changes(verzoek, bo, burgerzaken):
    contactverzoek_close(verzoek=verzoek, user=bo, resultaat="Klaar.")
    for change in (
        lambda: contactverzoek_assign_to_me(verzoek=verzoek, user=bo),
        lambda: contactverzoek_forward(verzoek=verzoek, team=burgerzaken, user=bo),
        lambda: contactverzoek_register_attempt(
            verzoek=verzoek, user=bo, bereikt=True, kanaal="telefoon", toelichting="x"
        ),
        lambda: contactverzoek_close(verzoek=verzoek, user=bo, resultaat="Nog eens."),
    ):
        with pytest.raises(DomainError) as exc:
            change()
        assert exc.value.field == "status"
    assert verzoek.gebeurtenissen.filter(soort=GebeurtenisSoort.AFGESLOTEN).count() == 1


def test_close_without_result_names_the_field(verzoek, bo):
    with pytest.raises(DomainError) as exc:
        contactverzoek_close(verzoek=verzoek, user=bo, resultaat="  ")
    assert exc.value.field == "resultaat"


def test_teamleider_can_reopen_but_backoffice_cannot(verzoek, bo, make_user):
    contactverzoek_close(verzoek=verzoek, user=bo, resultaat="Klaar.")
    with pytest.raises(PermissionDenied):
        contactverzoek_reopen(verzoek=verzoek, user=bo)
    verzoek = contactverzoek_reopen(verzoek=verzoek, user=make_user("teamleider"))
    assert verzoek.status == ContactverzoekStatus.IN_BEHANDELING


def test_assignee_gets_an_email_after_commit(
    vraag, bo, kcc, burgerzaken, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        verzoek = contactverzoek_create(
            vraag=vraag, medewerker=bo, gevraagde_handeling="Bellen", email="a@b.nl", user=kcc
        )
    assert verzoek.status == ContactverzoekStatus.IN_BEHANDELING
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["bram@zeventerpen.example"]
    assert verzoek.klantcontact.referentienummer in mailoutbox[0].subject


def test_forward_to_a_person_sends_an_email(
    verzoek, bo, make_user, mailoutbox, django_capture_on_commit_callbacks
):
    collega = make_user("backoffice-medewerker")
    collega.email = "collega@zeventerpen.example"
    collega.save()
    with django_capture_on_commit_callbacks(execute=True):
        contactverzoek_forward(verzoek=verzoek, medewerker=collega, user=bo)
    assert [m.to for m in mailoutbox] == [["collega@zeventerpen.example"]]


def test_list_mine_team_all_and_urgency(verzoek, bo, make_user, monkeypatch):
    assert list(contactverzoek_list(user=bo, scope="team")) == [verzoek]
    assert list(contactverzoek_list(user=bo, scope="mine")) == []
    with pytest.raises(PermissionDenied):
        contactverzoek_list(user=bo, scope="all")
    buiten = make_user("backoffice-medewerker")
    assert list(contactverzoek_list(user=buiten, scope="team")) == []
    assert list(contactverzoek_list(user=make_user("teamleider"), scope="all")) == [verzoek]
    type(verzoek).objects.filter(pk=verzoek.pk).update(
        deadline=timezone.now() - dt.timedelta(hours=1)
    )
    assert contactverzoek_list(user=bo, scope="team").get().urgentie == "te_laat"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_users_closing_and_forwarding_at_once_never_lose_an_update(
    telefoon, redenen, partij, kcc, bo, burgerzaken, make_user
):
    """On PostgreSQL the row lock serialises the two: exactly one wins, the other is refused."""
    import threading

    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("Rijvergrendeling wordt op PostgreSQL getest.")
    contact = contact_register(
        kanaal=telefoon,
        medewerker=kcc,
        partij=partij,
        vragen=[VraagInput("Terugbellen a.u.b.", redenen["paspoort"], Afhandeling.CONTACTVERZOEK)],
    )
    verzoek = contactverzoek_create(
        vraag=contact.vragen.get(),
        team=burgerzaken,
        gevraagde_handeling="Bellen",
        email="a@b.nl",
        user=kcc,
    )
    ander = team_create(name="Belastingen", slug="belastingen")
    collega = make_user("backoffice-medewerker")
    team_add_member(team=ander, user=collega)
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def run(name, action):
        try:
            barrier.wait()
            action()
            outcomes[name] = "ok"
        except DomainError as exc:
            outcomes[name] = exc.field or "?"
        finally:
            connections.close_all()

    threads = [
        threading.Thread(
            target=run,
            args=(
                "close",
                lambda: contactverzoek_close(verzoek=verzoek, user=bo, resultaat="Klaar"),
            ),
        ),
        threading.Thread(
            target=run,
            args=(
                "forward",
                lambda: contactverzoek_forward(verzoek=verzoek, team=ander, user=collega),
            ),
        ),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    verzoek.refresh_from_db()
    soorten = list(verzoek.gebeurtenissen.values_list("soort", flat=True))
    if outcomes["close"] == "ok" and outcomes["forward"] == "status":
        # Close first: the forward saw a closed verzoek and was refused.
        assert verzoek.status == ContactverzoekStatus.VERWERKT
        assert verzoek.team == burgerzaken
        assert GebeurtenisSoort.DOORGESTUURD not in soorten
    else:
        # Forward first: the close then saw the forwarded verzoek; both updates are kept.
        assert outcomes == {"close": "ok", "forward": "ok"}
        assert verzoek.status == ContactverzoekStatus.VERWERKT
        assert verzoek.team == ander
        assert soorten[-2:] == [GebeurtenisSoort.DOORGESTUURD, GebeurtenisSoort.AFGESLOTEN]
    assert Klantcontact.objects.filter(partij=partij).count() == 2
