"""Confidential contacts in the KCC (issue 19): marked in the contact form with the team that may
read it; in the klantbeeld a KCC agent sees that the contact exists and whom to ask, a member of
that team reads it; both the read and the refused attempt are audited."""

import re
import uuid

import pytest

from loket.accounts.tests.factories import TeamFactory
from loket.contacts.constants import Afhandeling
from loket.contacts.models import Klantcontact
from loket.contacts.services import VraagInput, klantcontact_register
from loket.contacts.tests.factories import ContactredenFactory
from loket.core.models import AuditEntry
from loket.kcc.tests.test_views import contact_post, open_contact

pytestmark = pytest.mark.django_db

GEHEIM = "Mevrouw meldt huiselijk geweld door haar partner"
NOTITIE = "Veilig Thuis is ingelicht"


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.fixture
def sociaal_domein(db):
    return TeamFactory(name="Sociaal domein", slug="sociaal-domein")


@pytest.fixture
def consulent(make_user, sociaal_domein):
    """A backoffice-medewerker of the social-domain team."""
    user = make_user("backoffice-medewerker", username="sanne")
    user.teams.add(sociaal_domein)
    return user


@pytest.fixture
def geheim(partij, sociaal_domein, make_user):
    """A confidential contact of the klant, for the social-domain team."""
    return klantcontact_register(
        kanaal="telefoon",
        medewerker=make_user("kcc-medewerker", username="registrant"),
        partij=partij,
        inhoud=NOTITIE,
        vragen=[VraagInput(GEHEIM, ContactredenFactory(naam="Zorg"), Afhandeling.BEANTWOORD)],
        vertrouwelijk=True,
        vertrouwelijk_team=sociaal_domein,
    ).klantcontact


def _reads(contact: Klantcontact, user, uitkomst: str) -> int:
    return AuditEntry.objects.filter(
        user=user,
        object_type="contacts.klantcontact",
        object_id=str(contact.pk),
        detail__vertrouwelijk=uitkomst,
    ).count()


def test_kcc_agent_sees_that_it_exists_and_whom_to_ask_but_not_its_content(
    client, kcc_user, partij, geheim
):
    client.force_login(kcc_user)
    page = text(client.get(f"/kcc/partij/{partij.uuid}/"))
    assert geheim.referentienummer in page  # it exists, with its date and channel
    assert "Vertrouwelijk — vraag team Sociaal domein" in page
    assert GEHEIM not in page and NOTITIE not in page
    assert _reads(geheim, kcc_user, "gelezen") == 0  # nothing of it was read

    url = f"/kcc/partij/{partij.uuid}/tijdlijn/contact/{geheim.pk}/"
    fragment = client.get(url, HTTP_HX_REQUEST="true")
    assert fragment.status_code == 200
    assert "Vertrouwelijk — vraag team Sociaal domein" in text(fragment)
    assert GEHEIM not in text(fragment) and NOTITIE not in text(fragment)
    pagina = client.get(url)  # without JavaScript: the item's own page
    assert "Vertrouwelijk — vraag team" in text(pagina) and GEHEIM not in text(pagina)
    assert _reads(geheim, kcc_user, "geweigerd") >= 1  # the attempt to open it is recorded
    assert _reads(geheim, kcc_user, "gelezen") == 0


def test_a_member_of_the_team_reads_it_and_the_read_is_audited(client, consulent, partij, geheim):
    client.force_login(consulent)
    page = text(client.get(f"/kcc/partij/{partij.uuid}/"))
    assert GEHEIM in page and NOTITIE in page
    assert "Vertrouwelijk — vraag team" not in page
    url = f"/kcc/partij/{partij.uuid}/tijdlijn/contact/{geheim.pk}/"
    assert GEHEIM in text(client.get(url, HTTP_HX_REQUEST="true"))
    assert _reads(geheim, consulent, "gelezen") >= 1
    assert _reads(geheim, consulent, "geweigerd") == 0


def test_a_teamleider_of_another_team_does_not_read_it(client, make_user, partij, geheim):
    leider = make_user("teamleider", username="leider")
    leider.teams.add(TeamFactory(name="Burgerzaken"))
    client.force_login(leider)
    page = text(client.get(f"/kcc/partij/{partij.uuid}/"))
    assert "Vertrouwelijk — vraag team Sociaal domein" in page and GEHEIM not in page


def test_earlier_questions_leave_out_a_confidential_contact(client, kcc_user, partij, geheim):
    """The 'eerder gevraagd' block reads the questions too: none of a confidential contact."""
    client.force_login(kcc_user)
    html = client.get(f"/kcc/partij/{partij.uuid}/").content.decode()
    assert GEHEIM not in html


def _vertrouwelijk_post(redenen, **extra):
    return contact_post(
        redenen=redenen,
        key=str(uuid.uuid4()),
        **{
            "vraag-0-contactreden": str(redenen["paspoort"].pk),
            "vraag-0-vraagtekst": GEHEIM,
            "vertrouwelijk": "on",
            **extra,
        },
    )


def test_the_contact_form_marks_a_contact_confidential_for_a_team(
    client, kcc_user, partij, redenen, sociaal_domein
):
    client.force_login(kcc_user)
    url = open_contact(client, partij)
    form = client.get(url).content.decode()
    assert 'name="vertrouwelijk"' in form and 'name="vertrouwelijk_team"' in form
    assert "Sociaal domein" in form
    response = client.post(url, _vertrouwelijk_post(redenen, vertrouwelijk_team="sociaal-domein"))
    assert response.status_code == 302
    contact = Klantcontact.objects.get()
    assert contact.vertrouwelijk and contact.vertrouwelijk_team == sociaal_domein
    # Once saved, the agent who registered it reads it no more than any other KCC agent.
    page = text(client.get(f"/kcc/partij/{partij.uuid}/"))
    assert "Vertrouwelijk — vraag team Sociaal domein" in page and GEHEIM not in page


def test_the_contact_form_refuses_confidential_without_a_team(
    client, kcc_user, partij, redenen, sociaal_domein
):
    client.force_login(kcc_user)
    response = client.post(open_contact(client, partij), _vertrouwelijk_post(redenen))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_vertrouwelijk_team_error"' in html
    assert "Kies het team dat dit vertrouwelijke contact mag inzien." in text(response)
    assert Klantcontact.objects.count() == 0
