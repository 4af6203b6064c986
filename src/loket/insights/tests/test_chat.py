"""The chat figures on the dashboard (issue 17), counted from real chats."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from loket.contacts.models import ChatSessie
from loket.contacts.services.chats import (
    chat_leave,
    chat_post_citizen,
    chat_request_agent,
    chat_start,
    chat_take,
)
from loket.insights.selectors.dashboard import dashboard_get
from loket.insights.selectors.filters import Filters
from loket.knowledge.search.engine import invalidate
from loket.knowledge.tests.factories import KennisartikelFactory

pytestmark = pytest.mark.django_db


def test_the_dashboard_counts_chats_assistant_alone_waiting_and_abandoned(make_user):
    invalidate()
    KennisartikelFactory(
        slug="grofvuil",
        vraag="Hoe laat ik grofvuil ophalen?",
        antwoord="<p>Maak online een afspraak.</p>",
        trefwoorden=["grofvuil"],
        gepubliceerd=True,
    )
    invalidate()
    agent = make_user("kcc-medewerker")
    nu = timezone.now()
    # 1: the assistant alone. 2: queued, taken after 90 s. 3: queued and left. 4: opened, no text.
    alleen = chat_start(now=nu)
    chat_post_citizen(sessie=alleen, tekst="grofvuil ophalen")
    geholpen = chat_start(now=nu)
    chat_post_citizen(sessie=geholpen, tekst="grofvuil ophalen")
    chat_request_agent(sessie=geholpen, now=nu)
    chat_take(sessie=geholpen, user=agent, now=nu + dt.timedelta(seconds=90))
    weg = chat_start(now=nu)
    chat_post_citizen(sessie=weg, tekst="Ik wil iemand spreken")
    chat_request_agent(sessie=weg, now=nu)
    chat_leave(sessie=weg)
    chat_start(now=nu)
    assert ChatSessie.objects.count() == 4

    vandaag = timezone.localdate()
    dashboard = dashboard_get(filters=Filters(van=vandaag - dt.timedelta(days=7), tot=vandaag))
    sectie = next(s for s in dashboard.secties if s.key == "chat")
    kpis = {k.code: k for k in sectie.kpis}
    assert kpis["chats"].teller == 3
    assert (kpis["chat_assistent"].teller, kpis["chat_assistent"].noemer) == (1, 3)
    assert kpis["chat_wachttijd"].waarde == 90.0
    assert (kpis["chat_verlaten"].teller, kpis["chat_verlaten"].noemer) == (1, 2)
    assert sum(r[1] for r in sectie.tabellen[0].rijen) == 3
    invalidate()
