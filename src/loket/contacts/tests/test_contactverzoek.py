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
from loket.core.calendar import get_calendar
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
    monkeypatch.setattr("loket.contacts.services.contactverzoeken.timezone.now", lambda: friday)
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
    assert mailoutbox == []  # stored in the outbox with the change; the worker sends it
    _send_outbox()
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["bram@zeventerpen.example"]
    assert verzoek.klantcontact.referentienummer in mailoutbox[0].subject


def test_forward_to_a_person_sends_an_email(
    verzoek, bo, make_user, mailoutbox, django_capture_on_commit_callbacks
):
    _send_outbox()  # the mail about the verzoek's creation
    mailoutbox.clear()
    collega = make_user("backoffice-medewerker")
    collega.email = "collega@zeventerpen.example"
    collega.save()
    with django_capture_on_commit_callbacks(execute=True):
        contactverzoek_forward(verzoek=verzoek, medewerker=collega, user=bo)
    _send_outbox()
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


@pytest.mark.django_db(transaction=True)
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


# --- active teams, norms, manual deadline -------------------------------------------------


def _product(naam="paspoort"):
    from loket.catalogue.tests.factories import ProductFactory

    return ProductFactory(upl_naam=naam)


@pytest.fixture
def vraag_met_product(db, telefoon, redenen, partij, kcc):
    contact = contact_register(
        kanaal=telefoon,
        medewerker=kcc,
        partij=partij,
        vragen=[
            VraagInput(
                vraagtekst="Mijn paspoort is niet aangekomen.",
                contactreden=redenen["paspoort"],
                afhandeling=Afhandeling.CONTACTVERZOEK,
                product=_product(),
            )
        ],
    )
    return contact.vragen.get()


def _create(vraag, team, kcc, **extra):
    return contactverzoek_create(
        vraag=vraag, team=team, gevraagde_handeling="Bellen", email="a@b.nl", user=kcc, **extra
    )


def test_create_for_an_inactive_team_is_refused_with_the_field_named(vraag, burgerzaken, kcc):
    from loket.accounts.services import team_set_active

    team_set_active(team=burgerzaken, is_actief=False)
    with pytest.raises(DomainError) as exc:
        _create(vraag, burgerzaken, kcc)
    assert exc.value.field == "team"
    assert exc.value.message == "Het team 'Burgerzaken' is niet actief; kies een ander team."
    assert not vraag.contactverzoeken.exists()


def test_forward_to_a_deactivated_team_is_refused(verzoek, bo, make_user):
    from loket.accounts.services import team_set_active

    ander = team_create(name="Belastingen", slug="belastingen", email="bel@zeventerpen.example")
    team_set_active(team=ander, is_actief=False)
    with pytest.raises(DomainError) as exc:
        contactverzoek_forward(verzoek=verzoek, team=ander, user=bo)
    assert exc.value.field == "team"
    assert "niet actief" in exc.value.message


def test_a_team_without_members_but_with_an_email_address_takes_verzoeken(vraag, kcc):
    postbus = team_create(name="Postbus", slug="postbus", email="postbus@zeventerpen.example")
    assert _create(vraag, postbus, kcc).team == postbus


def test_only_active_teams_are_offered(burgerzaken):
    from loket.contacts.selectors import contactverzoek_teams

    team_create(name="Oud", slug="oud", email="oud@zeventerpen.example", is_actief=False)
    team_create(name="Leeg", slug="leeg")
    assert [t.name for t in contactverzoek_teams()] == ["Burgerzaken"]


def test_norm_most_specific_wins(vraag_met_product, burgerzaken):
    from loket.contacts.models import ContactverzoekNorm
    from loket.contacts.services import contactverzoek_norm_werkuren

    product = vraag_met_product.product
    other_team = team_create(name="Belastingen", slug="belastingen")
    assert contactverzoek_norm_werkuren(team=burgerzaken, product=product) == 16
    ContactverzoekNorm.objects.create(team=burgerzaken, werkuren=24)
    assert contactverzoek_norm_werkuren(team=burgerzaken, product=product) == 24
    ContactverzoekNorm.objects.create(product=product, werkuren=8)
    assert contactverzoek_norm_werkuren(team=burgerzaken, product=product) == 8
    assert contactverzoek_norm_werkuren(team=burgerzaken, product=None) == 24
    ContactverzoekNorm.objects.create(team=burgerzaken, product=product, werkuren=4)
    assert contactverzoek_norm_werkuren(team=burgerzaken, product=product) == 4
    assert contactverzoek_norm_werkuren(team=other_team, product=product) == 8
    assert contactverzoek_norm_werkuren(team=other_team, product=None) == 16


def test_create_takes_the_deadline_from_the_norm(monkeypatch, vraag_met_product, burgerzaken, kcc):
    from loket.contacts.models import ContactverzoekNorm

    # Tuesday 3 March 2026, 09:00: a 4-hour norm ends at 13:00 the same day.
    tuesday = dt.datetime(2026, 3, 3, 9, 0, tzinfo=AMS)
    monkeypatch.setattr("loket.contacts.services.contactverzoeken.timezone.now", lambda: tuesday)
    ContactverzoekNorm.objects.create(
        team=burgerzaken, product=vraag_met_product.product, werkuren=4
    )
    verzoek = _create(vraag_met_product, burgerzaken, kcc)
    assert verzoek.deadline == dt.datetime(2026, 3, 3, 13, 0, tzinfo=AMS)


def test_norm_per_team_and_product_is_unique_and_positive(burgerzaken):
    from django.core.exceptions import ValidationError

    from loket.contacts.models import ContactverzoekNorm

    ContactverzoekNorm.objects.create(team=burgerzaken, werkuren=8)
    with pytest.raises(ValidationError, match="Voor dit team bestaat al een norm"):
        ContactverzoekNorm(team=burgerzaken, werkuren=16).full_clean()
    with pytest.raises(ValidationError, match="Kies een team, een product of allebei"):
        ContactverzoekNorm(werkuren=16).full_clean()
    with pytest.raises(ValidationError):
        ContactverzoekNorm(product=_product(), werkuren=0).full_clean()


def test_manual_deadline_in_the_past_is_refused(vraag, burgerzaken, kcc):
    with pytest.raises(DomainError) as exc:
        _create(vraag, burgerzaken, kcc, deadline=timezone.now() - dt.timedelta(minutes=1))
    assert exc.value.field == "deadline"
    assert exc.value.message == "De deadline ligt in het verleden."
    assert not vraag.contactverzoeken.exists()


def test_manual_deadline_in_the_future_is_kept(vraag, burgerzaken, kcc):
    deadline = timezone.now() + dt.timedelta(days=3)
    assert _create(vraag, burgerzaken, kcc, deadline=deadline).deadline == deadline


# --- assign to a person ---------------------------------------------------------------------


def test_teamleider_assigns_a_team_member_who_gets_an_email(
    verzoek, bo, burgerzaken, make_user, mailoutbox, django_capture_on_commit_callbacks
):
    from loket.contacts.selectors import contactverzoek_assignable
    from loket.contacts.services import contactverzoek_assign

    leider = make_user("teamleider")
    team_add_member(team=burgerzaken, user=leider)
    kcc_lid = make_user("kcc-medewerker")
    team_add_member(team=burgerzaken, user=kcc_lid)
    assert set(contactverzoek_assignable(verzoek=verzoek)) == {bo, leider}
    _send_outbox()  # the mail about the verzoek's creation
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        verzoek = contactverzoek_assign(verzoek=verzoek, medewerker=bo, user=leider)
    assert verzoek.medewerker == bo
    assert verzoek.status == ContactverzoekStatus.IN_BEHANDELING
    _send_outbox()
    assert [m.to for m in mailoutbox] == [["bram@zeventerpen.example"]]
    gebeurtenis = verzoek.gebeurtenissen.get(soort=GebeurtenisSoort.TOEGEWEZEN)
    assert gebeurtenis.door == leider


def test_assigning_someone_outside_the_team_names_the_field(verzoek, make_user):
    from loket.contacts.services import contactverzoek_assign

    buiten = make_user("backoffice-medewerker")
    with pytest.raises(DomainError) as exc:
        contactverzoek_assign(verzoek=verzoek, medewerker=buiten, user=make_user("teamleider"))
    assert exc.value.field == "medewerker"
    verzoek.refresh_from_db()
    assert verzoek.medewerker is None


def test_backoffice_medewerker_may_not_assign_someone_else(verzoek, bo, burgerzaken, make_user):
    from loket.contacts.services import contactverzoek_assign

    collega = make_user("backoffice-medewerker")
    team_add_member(team=burgerzaken, user=collega)
    with pytest.raises(PermissionDenied):
        contactverzoek_assign(verzoek=verzoek, medewerker=collega, user=bo)
    assert contactverzoek_assign(verzoek=verzoek, medewerker=bo, user=bo).medewerker == bo


# --- werkvoorraad ---------------------------------------------------------------------------


def test_werkvoorraad_counts_status_urgency_and_age(
    monkeypatch, vraag, burgerzaken, kcc, bo, make_user
):
    from loket.contacts.models import Contactverzoek
    from loket.contacts.selectors import contactverzoek_werkvoorraad, werkvoorraad_teams

    a = _create(vraag, burgerzaken, kcc)
    b = _create(vraag, burgerzaken, kcc)
    c = _create(vraag, burgerzaken, kcc)
    contactverzoek_assign_to_me(verzoek=b, user=bo)
    contactverzoek_close(verzoek=c, user=bo, resultaat="Klaar.")
    # a was created a week ago and is overdue; b is due in a minute (today, mostly).
    now = timezone.now()
    Contactverzoek.objects.filter(pk=a.pk).update(
        created_at=now - dt.timedelta(days=7), deadline=now - dt.timedelta(hours=1)
    )
    soon = now + dt.timedelta(minutes=1)
    Contactverzoek.objects.filter(pk=b.pk).update(deadline=soon)
    week = get_calendar().working_days_between(
        timezone.localdate(now - dt.timedelta(days=7)), timezone.localdate(now)
    )
    leeg = team_create(name="Leeg", slug="leeg", email="leeg@zeventerpen.example")
    assert list(werkvoorraad_teams(user=bo)) == [burgerzaken]
    stats = contactverzoek_werkvoorraad(teams=[burgerzaken, leeg])
    team = stats[burgerzaken.pk]
    assert team.open == 2
    assert team.statussen == [("Te verwerken", 1), ("In behandeling", 1)]
    assert team.te_laat == 1
    assert team.vandaag == (1 if timezone.localdate(soon) == timezone.localdate(now) else 0)
    assert team.oudste_werkdagen == week  # 5, less any holiday that week
    assert team.gemiddelde_werkdagen == round(week / 2, 1)
    assert stats[leeg.pk].open == 0 and stats[leeg.pk].oudste_werkdagen is None
    with pytest.raises(PermissionDenied):
        werkvoorraad_teams(user=kcc)


# --- daily overdue list ---------------------------------------------------------------------


def test_daily_overdue_list_mails_each_teamleider_once_a_day(
    verzoek, burgerzaken, make_user, mailoutbox
):
    from io import StringIO

    from django.core.management import call_command

    from loket.contacts.models import Contactverzoek, TeLaatMelding

    leider = make_user("teamleider")
    leider.email = "leider@zeventerpen.example"
    leider.save()
    team_add_member(team=burgerzaken, user=leider)
    zonder_mail = make_user("teamleider")
    team_add_member(team=burgerzaken, user=zonder_mail)
    _send_outbox()  # the mail about the verzoek's creation
    mailoutbox.clear()
    # Not overdue yet: nothing to send.
    out = StringIO()
    call_command("contactverzoeken_te_laat", stdout=out)
    assert mailoutbox == []
    Contactverzoek.objects.filter(pk=verzoek.pk).update(
        deadline=timezone.now() - dt.timedelta(hours=2)
    )
    out = StringIO()
    call_command("contactverzoeken_te_laat", "--basis-url", "https://loket.example", stdout=out)
    _send_outbox()
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["leider@zeventerpen.example"]
    assert mail.subject == "Contactverzoeken te laat: 1"
    assert f"https://loket.example/backoffice/verzoek/{verzoek.pk}/" in mail.body
    assert verzoek.klantcontact.referentienummer in mail.body
    assert "1 mail(s) verzonden" in out.getvalue()
    assert "geen e-mailadres" in out.getvalue()
    # A second run the same day sends nothing.
    out = StringIO()
    call_command("contactverzoeken_te_laat", stdout=out)
    _send_outbox()
    assert len(mailoutbox) == 1
    assert "vandaag al verzonden" in out.getvalue()
    assert TeLaatMelding.objects.get().aantal == 1


# --- admin ----------------------------------------------------------------------------------


def test_beheerder_maintains_norms_and_admin_shows_verzoek_history(
    client, verzoek, burgerzaken, make_user
):
    from django.urls import reverse

    from loket.contacts.models import ContactverzoekNorm

    beheerder = make_user("beheerder")
    client.force_login(beheerder)
    response = client.post(
        reverse("admin:contacts_contactverzoeknorm_add"),
        {"team": burgerzaken.pk, "product": "", "werkuren": "24"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert ContactverzoekNorm.objects.get().werkuren == 24
    response = client.post(
        reverse("admin:contacts_contactverzoeknorm_add"),
        {"team": burgerzaken.pk, "product": "", "werkuren": "8"},
    )
    assert "Voor dit team bestaat al een norm" in response.content.decode()
    client.force_login(_superuser())
    body = client.get(
        reverse("admin:contacts_contactverzoek_change", args=[verzoek.pk])
    ).content.decode()
    assert "Aangemaakt" in body


def _superuser():
    from loket.accounts.services import user_create

    return user_create(username="root", password="x", is_superuser=True)


def _send_outbox() -> None:
    """Staff mail goes through the outbox (issue 15): the worker's sender delivers it."""
    from loket.messaging.outbox import berichten_versturen

    berichten_versturen()


@pytest.mark.django_db(transaction=True)  # the worker closes its connections
def test_the_worker_sends_the_overdue_list_on_working_days_without_cron(
    verzoek, burgerzaken, make_user, mailoutbox
):
    """Before, the list went out only when cron called the command; now it is a daily job of the
    worker (core.jobs): once a working day after LOKET_TE_LAAT_TIJD, never on a Sunday."""
    from django.core.management import call_command

    from loket.contacts.models import Contactverzoek
    from loket.core import jobs

    leider = make_user("teamleider")
    leider.email = "leider@zeventerpen.example"
    leider.save()
    team_add_member(team=burgerzaken, user=leider)
    _send_outbox()
    mailoutbox.clear()
    Contactverzoek.objects.filter(pk=verzoek.pk).update(
        deadline=timezone.now() - dt.timedelta(days=3)
    )
    zondag = timezone.make_aware(dt.datetime(2026, 11, 29, 9, 0))
    maandag_vroeg = timezone.make_aware(dt.datetime(2026, 11, 30, 7, 0))
    maandag = timezone.make_aware(dt.datetime(2026, 11, 30, 7, 45))
    assert jobs.run("contactverzoeken_te_laat", now=zondag) is False
    assert jobs.run("contactverzoeken_te_laat", now=maandag_vroeg) is False
    assert jobs.run("contactverzoeken_te_laat", now=maandag) is True
    assert jobs.run("contactverzoeken_te_laat", now=maandag) is False  # once a day
    call_command("worker", "--batch", "--no-planner")  # the queued task, then the outbox
    _send_outbox()
    assert [m.to for m in mailoutbox] == [["leider@zeventerpen.example"]]
    assert mailoutbox[0].subject == "Contactverzoeken te laat: 1"


def test_contacts_publish_their_domain_events(events, vraag, burgerzaken, kcc, bo):
    """Subscribers (proactive, insights, later channels) learn what happened without contacts
    knowing them: registered, created, assigned, closed; each carries the object and the user."""
    from loket.contacts.events import (
        ContactverzoekAangemaakt,
        ContactverzoekAfgesloten,
        ContactverzoekToegewezen,
        KlantcontactGeregistreerd,
    )
    from loket.contacts.services import contactverzoek_assign, contactverzoek_close

    seen = events(
        KlantcontactGeregistreerd,
        ContactverzoekAangemaakt,
        ContactverzoekToegewezen,
        ContactverzoekAfgesloten,
    )
    verzoek = contactverzoek_create(
        vraag=vraag,
        team=burgerzaken,
        user=kcc,
        gevraagde_handeling="Terugbellen.",
        terugbelnummer="06 12345678",
    )
    verzoek = contactverzoek_assign(verzoek=verzoek, medewerker=bo, user=bo)
    contactverzoek_close(verzoek=verzoek, user=bo, resultaat="Teruggebeld, uitgelegd.")
    assert [type(e).__name__ for e in seen] == [
        "ContactverzoekAangemaakt",
        "ContactverzoekToegewezen",
        "KlantcontactGeregistreerd",  # the close is a contact on the customer's timeline
        "ContactverzoekAfgesloten",
    ]
    assert all(getattr(e, "verzoek", None) in (None, verzoek) for e in seen)
    assert seen[2].klantcontact.onderwerp.startswith("Afhandeling contactverzoek")
    assert seen[3].user == bo
