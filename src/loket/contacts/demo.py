"""The demo's chats (issue 17): eight weeks of chats on the website, so /inzicht/ shows the chat
figures from the first start. Most are answered by the assistant alone, some go to an agent
after a wait, a few leave the queue. Bulk-inserted; the texts are the published articles'.

And the answers of the last months (issue 20): most questions an agent answered about a product
with a published article carry that article's version, as "Gebruik dit antwoord" records it, so
the quality review shows the article and a contact can become a training scenario."""

from __future__ import annotations

import datetime as dt
import secrets

from django.utils import timezone

from loket.accounts.models import User
from loket.contacts.models import ChatAfzender, ChatBericht, ChatSessie, ChatStatus, Vraag
from loket.core.calendar import get_calendar
from loket.knowledge.models import ArtikelVersie, Kennisartikel

PER_DAG = {"small": 6, "medium": 25, "large": 80}
WEKEN = 8
# Questions of the last ANTWOORD_DAGEN days answered by an agent from the knowledge base.
ANTWOORD_DAGEN = 92
ANTWOORD_KANS = 0.85


def _antwoorden_build(builder) -> int:
    """Link recent agent-answered questions to their product's published article version."""
    versie_per_product: dict[int, int] = {}
    for artikel in (
        Kennisartikel.objects.exclude(gepubliceerde_versie=None)
        .prefetch_related("producten")
        .order_by("pk")
    ):
        versie_id = artikel.gepubliceerde_versie_id
        for product in artikel.producten.all():
            if versie_id is not None:
                versie_per_product.setdefault(product.pk, versie_id)
    if not versie_per_product:
        return 0
    sinds = builder.now - dt.timedelta(days=ANTWOORD_DAGEN)
    rows = Vraag.objects.filter(
        product_id__in=list(versie_per_product),
        kennisartikel_versie__isnull=True,
        klantcontact__medewerker__isnull=False,
        klantcontact__plaatsgevonden_op__gte=sinds,
    ).values_list("pk", "product_id")
    per_versie: dict[int, list[int]] = {}
    for pk, product_id in rows.order_by("pk").iterator(chunk_size=5000):
        if builder.rng.random() < ANTWOORD_KANS:
            per_versie.setdefault(versie_per_product[product_id], []).append(pk)
    for versie_id, pks in per_versie.items():
        for i in range(0, len(pks), 5000):
            Vraag.objects.filter(pk__in=pks[i : i + 5000]).update(kennisartikel_versie_id=versie_id)
    return sum(len(pks) for pks in per_versie.values())


def build(builder, summary) -> dict:
    return {"antwoorden uit de kennisbank": _antwoorden_build(builder), **_chats_build(builder)}


def _chats_build(builder) -> dict:
    rng = builder.rng
    per_dag = PER_DAG.get(builder.scale, 25)
    versies = list(
        ArtikelVersie.objects.filter(
            pk__in=Kennisartikel.objects.exclude(gepubliceerde_versie=None).values(
                "gepubliceerde_versie"
            )
        )
        .select_related("artikel")
        .order_by("pk")[:200]
    )
    agents = list(User.objects.filter(groups__name="kcc-medewerker").order_by("pk")[:6]) or list(
        User.objects.filter(is_staff=False).order_by("pk")[:3]
    )
    if not versies or not agents:
        return {"chats": 0}
    calendar = get_calendar()
    sessies: list[ChatSessie] = []
    plan: list[tuple[str, ArtikelVersie]] = []
    for dag in range(WEKEN * 7, 0, -1):
        datum = builder.today - dt.timedelta(days=dag)
        if not calendar.is_working_day(datum):
            continue
        for _ in range(per_dag):
            begin = timezone.make_aware(
                dt.datetime.combine(datum, dt.time(8, 30))
                + dt.timedelta(seconds=rng.randint(0, 8 * 3600))
            )
            versie = rng.choice(versies)
            lot = rng.random()
            soort = "alleen" if lot < 0.55 else ("medewerker" if lot < 0.9 else "verlaten")
            sessie = ChatSessie(
                sleutel=secrets.token_urlsafe(24),
                gestart_op=begin,
                laatst_gezien_op=begin + dt.timedelta(minutes=3),
                assistent_antwoorden=1,
                status=ChatStatus.VERLATEN,
                beeindigd_op=begin + dt.timedelta(minutes=3),
            )
            if soort == "alleen":
                sessie.geholpen = rng.random() < 0.75
            else:
                wacht = dt.timedelta(seconds=int(rng.lognormvariate(4.3, 0.6)))
                sessie.in_wachtrij_op = begin + dt.timedelta(minutes=1)
                sessie.geholpen = False
                if soort == "medewerker":
                    sessie.status = ChatStatus.GESLOTEN
                    sessie.medewerker = rng.choice(agents)
                    sessie.opgepakt_op = sessie.in_wachtrij_op + wacht
                    sessie.beeindigd_op = sessie.opgepakt_op + dt.timedelta(
                        seconds=rng.randint(120, 600)
                    )
                else:
                    sessie.beeindigd_op = sessie.in_wachtrij_op + wacht
            sessies.append(sessie)
            plan.append((soort, versie))
    ChatSessie.objects.bulk_create(sessies, batch_size=2000)
    berichten: list[ChatBericht] = []
    for sessie, (soort, versie) in zip(sessies, plan, strict=True):
        t = sessie.gestart_op
        berichten.append(
            ChatBericht(
                sessie=sessie, afzender=ChatAfzender.INWONER, tekst=versie.vraag, verstuurd_op=t
            )
        )
        berichten.append(
            ChatBericht(
                sessie=sessie,
                afzender=ChatAfzender.ASSISTENT,
                tekst=f"{versie.vraag}\n\n{(versie.kort or '')[:400]}",
                verstuurd_op=t + dt.timedelta(seconds=1),
                kennisartikel_versie=versie,
                link=f"/zoeken/antwoord/{versie.artikel.slug}/",
                zoekvraag=versie.vraag,
            )
        )
        if soort == "medewerker" and sessie.opgepakt_op:
            berichten.append(
                ChatBericht(
                    sessie=sessie,
                    afzender=ChatAfzender.MEDEWERKER,
                    tekst="Goedemiddag, ik help u graag verder. " + (versie.kort or "")[:300],
                    verstuurd_op=sessie.opgepakt_op + dt.timedelta(seconds=30),
                    kennisartikel_versie=versie,
                )
            )
    ChatBericht.objects.bulk_create(berichten, batch_size=5000)
    return {"chats": len(sessies), "chatberichten": len(berichten)}
