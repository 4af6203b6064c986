"""Row locks on a session: simultaneous actions keep their order, a double finish scores once."""

import threading

import pytest
from django.db import connection, connections

from loket.core.errors import DomainError
from loket.training.services import (
    Registratie,
    VraagRegistratie,
    sessie_actie,
    sessie_finish,
    sessie_start,
)


def _together(actions) -> list[str]:
    barrier = threading.Barrier(len(actions))
    outcomes: list[str] = []

    def run(action):
        try:
            barrier.wait()
            action()
            outcomes.append("ok")
        except DomainError as exc:
            outcomes.append(exc.field or "?")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(a,)) for a in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return sorted(outcomes)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="Rijvergrendeling wordt op PostgreSQL getest."
)
@pytest.mark.django_db(transaction=True)
def test_simultaneous_actions_and_a_double_finish_on_postgresql(make_user):
    user = make_user("kcc-medewerker")
    sessie = sessie_start(medewerker=user, scenario="grofvuil-bank")
    vragen = [
        (lambda i=i: sessie_actie(sessie=sessie, medewerker=user, soort="vraag", tekst=f"V{i}"))
        for i in range(4)
    ]
    assert _together(vragen) == ["ok"] * 4
    assert sorted(sessie.acties.values_list("volgnummer", flat=True)) == [1, 2, 3, 4]
    assert sorted(sessie.regels.values_list("volgnummer", flat=True)) == list(range(1, 10))

    registratie = Registratie(
        kanaal="telefoon",
        vragen=[VraagRegistratie("Bank ophalen", ("Afval", "Grofvuil ophalen"), "beantwoord")],
    )
    finish = [lambda: sessie_finish(sessie=sessie, medewerker=user, registratie=registratie)] * 2
    assert _together(finish) == ["ok", "sessie"]
    assert sessie.acties.filter(soort="registratie").count() == 1
