import pytest


def load_reference_data() -> dict:
    """What the scenarios refer to, loaded as `loket demo` does: the UPL catalogue with the
    organisations, the knowledge base, the teams and the contactredenen of Zeventerpen."""
    from loket.accounts.models import Team
    from loket.accounts.services import team_create
    from loket.catalogue.services import UPL_DEFAULT_PATH, organisaties_bundled_load, upl_import
    from loket.contacts.models import Contactreden
    from loket.contacts.services import contactreden_create
    from loket.core.models import Kanaal
    from loket.demo import data
    from loket.knowledge.search.engine import invalidate
    from loket.knowledge.services import kennis_load

    for volgorde, (code, naam, soort) in enumerate(
        [
            ("telefoon", "Telefoon", "call"),
            ("balie", "Balie", "face"),
            ("e-mail", "E-mail", "email"),
            ("website", "Website/formulier", "click"),
            ("chat", "Chat", "click"),
            ("app", "App", "click"),
        ],
        start=1,
    ):
        Kanaal.objects.get_or_create(
            code=code, defaults={"naam": naam, "soort": soort, "volgorde": volgorde * 10}
        )
    upl_import(rows_or_path=UPL_DEFAULT_PATH)
    organisaties_bundled_load()
    kennis_load()
    invalidate()
    teams = {}
    for name, slug, kind, parent, email in data.TEAMS:
        teams[slug] = Team.objects.filter(slug=slug).first() or team_create(
            name=name, slug=slug, kind=kind, parent=teams.get(parent), email=email
        )
    if not Contactreden.objects.exists():
        for hoofd, subs in data.CONTACTREDENEN.items():
            parent = contactreden_create(naam=hoofd)
            for sub, *_rest in subs:
                contactreden_create(naam=sub, hoofdreden=parent)
    return teams


@pytest.fixture(scope="module")
def reference_team_pks(module_transaction):
    """`load_reference_data()` once per module (about 10 s; see `module_transaction`)."""
    with module_transaction():
        yield {slug: team.pk for slug, team in load_reference_data().items()}


@pytest.fixture
def trainingsdata(db, reference_team_pks):
    """The reference data of the scenarios; what a test changes is rolled back after it."""
    from loket.accounts.models import Team
    from loket.knowledge.search.engine import invalidate

    invalidate()
    by_pk = Team.objects.in_bulk(reference_team_pks.values())
    yield {slug: by_pk[pk] for slug, pk in reference_team_pks.items()}
    invalidate()


@pytest.fixture
def trainee(make_user):
    return make_user("kcc-medewerker", username="tineke")
