import pytest

from loket.core.errors import DomainError
from loket.core.models import Kanaal, KanaalSoort
from loket.core.services import kanaal_create, kanaal_get

SEEDED = {
    "telefoon": KanaalSoort.CALL,
    "balie": KanaalSoort.FACE,
    "e-mail": KanaalSoort.EMAIL,
    "website": KanaalSoort.CLICK,
    "chat": KanaalSoort.CLICK,
    "brief": KanaalSoort.OTHER,
    "sociale-media": KanaalSoort.OTHER,
    "app": KanaalSoort.CLICK,
}


@pytest.mark.django_db
def test_the_migration_seeds_the_managed_channel_list():
    assert dict(Kanaal.objects.values_list("code", "soort")) == SEEDED
    assert list(Kanaal.objects.values_list("code", flat=True)[:3]) == [
        "telefoon",
        "balie",
        "e-mail",
    ]
    assert kanaal_get(code="website").naam == "Website/formulier"


@pytest.mark.django_db
def test_kanaal_create_derives_the_code_from_the_name():
    kanaal = kanaal_create(naam="  WhatsApp  Business ", soort=KanaalSoort.CLICK)
    assert kanaal.code == "whatsapp-business"
    assert kanaal.naam == "WhatsApp Business"
    assert kanaal.is_actief
    assert kanaal.volgorde > Kanaal.objects.get(code="app").volgorde
    assert kanaal_get(code="whatsapp-business") == kanaal


@pytest.mark.django_db
def test_kanaal_create_keeps_an_explicit_code():
    kanaal = kanaal_create(naam="Videobellen", soort=KanaalSoort.FACE, code="video")
    assert kanaal.code == "video"


@pytest.mark.django_db
@pytest.mark.parametrize("naam", ["Email", "email", "E mail", "E-MAIL", "e_mail"])
def test_a_name_that_only_differs_in_case_or_spacing_is_refused(naam):
    with pytest.raises(DomainError) as excinfo:
        kanaal_create(naam=naam, soort=KanaalSoort.EMAIL, code="mail2")
    assert excinfo.value.message == "Het kanaal 'E-mail' bestaat al."
    assert excinfo.value.field == "naam"
    assert Kanaal.objects.filter(code="mail2").count() == 0


@pytest.mark.django_db
def test_a_code_in_use_is_refused():
    with pytest.raises(DomainError) as excinfo:
        kanaal_create(naam="Telefonie nieuw", soort=KanaalSoort.CALL, code="telefoon")
    assert excinfo.value.field == "code"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"naam": "", "soort": KanaalSoort.CLICK}, "naam"),
        ({"naam": "---", "soort": KanaalSoort.CLICK}, "naam"),
        ({"naam": "Postduif", "soort": "vogel"}, "soort"),
    ],
)
def test_invalid_input_names_the_field(kwargs, field):
    with pytest.raises(DomainError) as excinfo:
        kanaal_create(**kwargs)
    assert excinfo.value.field == field
    assert Kanaal.objects.count() == len(SEEDED)


@pytest.mark.django_db
def test_kanaal_get_with_an_unknown_code_is_a_domain_error():
    with pytest.raises(DomainError) as excinfo:
        kanaal_get(code="fax")
    assert excinfo.value.field == "kanaal"
    assert "fax" in excinfo.value.message
