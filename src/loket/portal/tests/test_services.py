"""Page feedback (stored once per form) and what the insight layer reads of it."""

import threading

import pytest
from django.db import connection, connections

from loket.core.errors import DomainError
from loket.portal.models import PaginaFeedback
from loket.portal.selectors import (
    demo_inwoners,
    pagina_feedback_list,
    pagina_feedback_per_pagina,
)
from loket.portal.services import bericht_mark_read_by_partij, pagina_feedback_register

from .conftest import BSN_ANNA, BSN_BOB


@pytest.mark.django_db
def test_a_retried_answer_is_stored_once_and_a_comment_is_added():
    first, created = pagina_feedback_register(sleutel="k" * 32, pad="/", geholpen=True)
    again, created_again = pagina_feedback_register(
        sleutel="k" * 32, pad="/", geholpen=True, opmerking="Duidelijk."
    )
    assert created and not created_again and first.pk == again.pk
    assert PaginaFeedback.objects.get().opmerking == "Duidelijk."


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("velden", "veld"),
    [
        ({"sleutel": "kort"}, "sleutel"),
        ({"geholpen": None}, "geholpen"),
        ({"pad": "https://elders.example/"}, "pad"),
        ({"opmerking": "x" * 2001}, "opmerking"),
    ],
)
def test_bad_feedback_is_refused_at_the_field(velden, veld):
    data = {"sleutel": "s" * 32, "pad": "/", "geholpen": False, **velden}
    with pytest.raises(DomainError) as caught:
        pagina_feedback_register(**data)
    assert caught.value.field == veld
    assert not PaginaFeedback.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_twenty_simultaneous_posts_of_one_form_store_one_answer():
    if connection.vendor != "postgresql":
        pytest.skip("Gelijktijdige inzendingen worden op PostgreSQL getest.")
    barrier = threading.Barrier(20)
    errors: list[Exception] = []

    def post():
        try:
            barrier.wait()
            pagina_feedback_register(sleutel="p" * 32, pad="/producten/", geholpen=False)
        except Exception as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert PaginaFeedback.objects.count() == 1


@pytest.mark.django_db
def test_feedback_per_page_puts_the_least_helpful_page_first(wereld):
    for n, (pad, geholpen, opmerking) in enumerate(
        [
            ("/producten/paspoort/", False, "Te vaag"),
            ("/producten/paspoort/", False, ""),
            ("/producten/paspoort/", True, ""),
            ("/", True, ""),
        ]
    ):
        pagina_feedback_register(
            sleutel=f"{n:032d}",
            pad=pad,
            geholpen=geholpen,
            opmerking=opmerking,
            paginatitel="Paspoort aanvragen" if pad != "/" else "Home",
            product=wereld.paspoort if pad != "/" else None,
        )
    rows = pagina_feedback_per_pagina()
    assert [(r.pad, r.ja, r.nee, r.opmerkingen) for r in rows] == [
        ("/producten/paspoort/", 1, 2, 1),
        ("/", 1, 0, 0),
    ]
    assert rows[0].paginatitel == "Paspoort aanvragen"
    assert rows[0].percentage_geholpen == 33.3
    assert pagina_feedback_list(product=wereld.paspoort, geholpen=False).count() == 2


@pytest.mark.django_db
def test_demo_residents_show_their_situation(wereld):
    inwoners = {i.bsn: i for i in demo_inwoners()}
    assert set(inwoners) == {BSN_ANNA, BSN_BOB}
    assert "1 lopende zaak" in inwoners[BSN_ANNA].situaties
    assert "ongelezen bericht" in inwoners[BSN_ANNA].situaties
    assert [i.bsn for i in demo_inwoners(q="terp")] == [BSN_ANNA]


@pytest.mark.django_db
def test_a_citizen_cannot_mark_another_citizens_message(wereld):
    with pytest.raises(DomainError):
        bericht_mark_read_by_partij(partij=wereld.anna, bericht=wereld.bericht_bob)
    assert bericht_mark_read_by_partij(partij=wereld.anna, bericht=wereld.bericht_anna)
    assert not bericht_mark_read_by_partij(partij=wereld.anna, bericht=wereld.bericht_anna)


@pytest.mark.django_db
def test_redacteuren_read_the_feedback_in_catalogue_beheer(client, make_user):
    pagina_feedback_register(
        sleutel="r" * 32, pad="/producten/paspoort/", geholpen=False, opmerking="Te vaag."
    )
    client.force_login(make_user("redacteur"))
    response = client.get("/catalogusbeheer/portal/paginafeedback/")
    assert response.status_code == 200 and "/producten/paspoort/" in response.content.decode()
    feedback = PaginaFeedback.objects.get()
    detail = client.post(
        f"/catalogusbeheer/portal/paginafeedback/{feedback.pk}/change/", {"opmerking": "x"}
    )
    assert detail.status_code == 403
    assert PaginaFeedback.objects.get().opmerking == "Te vaag."
