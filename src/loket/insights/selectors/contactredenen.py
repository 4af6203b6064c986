"""Contact reasons: the top reasons per channel and product, contacts after a page visit, search and feedback."""

from __future__ import annotations

import datetime as dt

from django.apps import apps
from django.db.models import Count, Exists, OuterRef, Q, Sum

from loket.catalogue.models import Product
from loket.contacts.models import Contactreden, Vraag
from loket.core.models import KanaalSoort
from loket.insights.models import Paginabezoek
from loket.insights.selectors.dashboard_contacts import _contact_qs
from loket.insights.selectors.filters import Filters
from loket.insights.selectors.norms import norm_parameter
from loket.insights.selectors.presentation import (
    Tabel,
    _article_link,
    _new_article_link,
    _product_link,
    pct,
)
from loket.insights.summaries import day_bounds
from loket.knowledge.models import ArtikelFeedback, ZoekLog


def _product_names(ids) -> dict[int, str]:

    return {
        pk: (titel or upl[:1].upper() + upl[1:])
        for pk, titel, upl in Product.objects.filter(pk__in=[i for i in ids if i]).values_list(
            "pk", "titel", "upl_naam"
        )
    }


def contactredenen_get(*, filters: Filters, top: int = 10) -> list[Tabel]:
    """What to improve: top reasons and products per channel with their week-over-week change,
    repeat contacts per product, contacts after a visit to the product page, zero-result
    searches and 'not helpful' feedback. Aggregates only."""

    f = filters
    deze_week = (f.tot - dt.timedelta(days=6), f.tot)
    vorige_week = (f.tot - dt.timedelta(days=13), f.tot - dt.timedelta(days=7))
    week_sums = dict(
        n=Sum("vragen"),
        deze=Sum("vragen", filter=Q(datum__gte=deze_week[0], datum__lte=deze_week[1])),
        vorige=Sum("vragen", filter=Q(datum__gte=vorige_week[0], datum__lte=vorige_week[1])),
    )
    qs = _contact_qs(f)
    redenen = {r.pk: str(r) for r in Contactreden.objects.select_related("hoofdreden")}
    tabellen: list[Tabel] = []

    def trend(r) -> str:
        deze, vorige = r["deze"] or 0, r["vorige"] or 0
        if not vorige:
            return "nieuw" if deze else "—"
        change = round(100.0 * (deze - vorige) / vorige)
        return f"{change:+d}%"

    # One scan of the summary; reasons, products and repeats are summed from it here.
    fine = list(
        qs.values("kanaalsoort", "contactreden", "product").annotate(**week_sums, h=Sum("herhaal"))
    )

    def rollup(key: str, rows) -> list[dict]:
        out: dict[tuple, dict] = {}
        for r in rows:
            k = (r["kanaalsoort"], r[key])
            e = out.setdefault(k, {"kanaalsoort": k[0], key: k[1], "n": 0, "deze": 0, "vorige": 0})
            for field_name in ("n", "deze", "vorige"):
                e[field_name] += r[field_name] or 0
        return list(out.values())

    reden_rows = rollup("contactreden", fine)
    product_rows = rollup("product", [r for r in fine if r["product"] is not None])
    namen = _product_names({r["product"] for r in product_rows})
    for soort in KanaalSoort.values:
        if f.kanaalsoort and soort != f.kanaalsoort:
            continue
        rows = sorted(
            (r for r in reden_rows if r["kanaalsoort"] == soort), key=lambda r: -(r["n"] or 0)
        )[:top]
        if rows:
            tabellen.append(
                Tabel(
                    f"redenen-{soort}",
                    f"Meest gestelde contactredenen — {KanaalSoort(soort).label}",
                    ["Contactreden", "Vragen", "Afgelopen 7 dagen", "7 dagen ervoor", "Verschil"],
                    [
                        [
                            redenen.get(r["contactreden"], "?"),
                            r["n"],
                            r["deze"] or 0,
                            r["vorige"] or 0,
                            trend(r),
                        ]
                        for r in rows
                    ],
                )
            )
        rows = sorted(
            (r for r in product_rows if r["kanaalsoort"] == soort), key=lambda r: -(r["n"] or 0)
        )[:top]
        if rows:
            tabellen.append(
                Tabel(
                    f"producten-{soort}",
                    f"Meest gevraagde producten — {KanaalSoort(soort).label}",
                    ["Product", "Vragen", "Afgelopen 7 dagen", "7 dagen ervoor", "Verschil"],
                    [
                        [
                            namen.get(r["product"], "?"),
                            r["n"],
                            r["deze"] or 0,
                            r["vorige"] or 0,
                            trend(r),
                        ]
                        for r in rows
                    ],
                    [_product_link(r["product"]) for r in rows],
                )
            )

    window = norm_parameter("herhaal", 7)
    per_product: dict[int, dict] = {}
    for r in fine:
        if r["product"] is None:
            continue
        e = per_product.setdefault(r["product"], {"product": r["product"], "n": 0, "h": 0})
        e["n"] += r["n"] or 0
        e["h"] += r["h"] or 0
    herhaal = sorted(
        (r for r in per_product.values() if r["h"]), key=lambda r: (-r["h"], r["product"])
    )[: top * 2]
    namen.update(_product_names({r["product"] for r in herhaal}))
    tabellen.append(
        Tabel(
            "herhaal",
            f"Vaker gevraagd: dezelfde klant, hetzelfde product binnen {window} dagen",
            ["Product", "Vragen", "Herhaalvragen", "Herhaal %"],
            [[namen.get(r["product"], "?"), r["n"], r["h"], pct(r["h"], r["n"])] for r in herhaal],
            [_product_link(r["product"]) for r in herhaal],
        )
    )
    tabellen.append(_na_paginabezoek(f, top))
    tabellen.extend(_zoek_en_feedback(f, top))
    return tabellen


def _na_paginabezoek(f: Filters, top: int) -> Tabel:
    """Visits to a product page by a logged-in party that were followed within 24 hours by a
    question of that party about the product on another channel: information that did not work.
    Driven from the visits (few) with the klantcontact index on (partij, plaatsgevonden_op)."""

    lo, hi = day_bounds(f.van, f.tot)
    bezoeken = Paginabezoek.objects.filter(
        partij__isnull=False, bezocht_op__gte=lo, bezocht_op__lt=hi
    )
    if f.product is not None:
        bezoeken = bezoeken.filter(product=f.product)
    vragen = Vraag.objects.filter(
        klantcontact__partij=OuterRef("partij"),
        product=OuterRef("product"),
        klantcontact__plaatsgevonden_op__gte=OuterRef("bezocht_op"),
        klantcontact__plaatsgevonden_op__lte=OuterRef("bezocht_op") + dt.timedelta(hours=24),
    ).exclude(klantcontact__kanaal__soort=KanaalSoort.CLICK)
    if f.kanaalsoort:
        vragen = vragen.filter(klantcontact__kanaal__soort=f.kanaalsoort)
    rows = sorted(
        (
            r
            for r in bezoeken.annotate(gevolgd=Exists(vragen))
            .values("product")
            .annotate(n=Count("pk"), g=Count("pk", filter=Q(gevolgd=True)))
            if r["g"]
        ),
        key=lambda r: (-r["g"], r["product"]),
    )[:top]
    namen = _product_names({r["product"] for r in rows})
    return Tabel(
        "na-bezoek",
        "Contact binnen 24 uur na het lezen van de productpagina",
        ["Product", "Paginabezoeken (ingelogd)", "Gevolgd door contact", "Gevolgd door contact %"],
        [[namen.get(r["product"], "?"), r["n"], r["g"], pct(r["g"], r["n"])] for r in rows],
        [_product_link(r["product"]) for r in rows],
    )


def _zoek_en_feedback(f: Filters, top: int) -> list[Tabel]:

    lo, hi = day_bounds(f.van, f.tot)
    zoek = list(
        ZoekLog.objects.filter(gezocht_op__gte=lo, gezocht_op__lt=hi, aantal_resultaten=0)
        .values("q")
        .annotate(n=Count("pk"))
        .order_by("-n", "q")[: top * 2]
    )
    fb = list(
        ArtikelFeedback.objects.filter(created_at__gte=lo, created_at__lt=hi)
        .values("artikel__slug", "artikel__vraag")
        .annotate(n=Count("pk"))
        .order_by("-n", "artikel__vraag")[: top * 2]
    )
    tabellen = [
        Tabel(
            "zoeken",
            "Zoekvragen zonder resultaat",
            ["Zoekvraag", "Aantal keer"],
            [[r["q"], r["n"]] for r in zoek],
            [_new_article_link(r["q"]) for r in zoek],
        ),
        Tabel(
            "feedback",
            "Kennisartikelen met feedback 'klopt niet of onvolledig'",
            ["Kennisartikel", "Meldingen"],
            [[r["artikel__vraag"], r["n"]] for r in fb],
            [_article_link(r["artikel__slug"]) for r in fb],
        ),
    ]
    portal = _portal_feedback(lo, hi, top)
    if portal is not None:
        tabellen.append(portal)
    return tabellen


def _portal_feedback(lo, hi, top: int) -> Tabel | None:
    """'Did this help? No' on portal pages (the portal's PaginaFeedback), per product page."""
    if not apps.is_installed("loket.portal"):
        return None
    try:
        model = apps.get_model("portal", "PaginaFeedback")
    except LookupError:
        return None
    rows = list(
        model.objects.filter(geholpen=False, moment__gte=lo, moment__lt=hi, product__isnull=False)
        .values("product")
        .annotate(n=Count("pk"))
        .order_by("-n", "product")[: top * 2]
    )
    totals = dict(
        model.objects.filter(
            moment__gte=lo, moment__lt=hi, product__in=[r["product"] for r in rows]
        )
        .values("product")
        .annotate(n=Count("pk"))
        .values_list("product", "n")
    )
    namen = _product_names({r["product"] for r in rows})
    return Tabel(
        "niet-geholpen",
        "Productpagina's waar inwoners 'niet geholpen' antwoordden",
        ["Product", "Niet geholpen", "Alle reacties", "Niet geholpen %"],
        [
            [
                namen.get(r["product"], "?"),
                r["n"],
                totals.get(r["product"], 0),
                pct(r["n"], totals.get(r["product"])),
            ]
            for r in rows
        ],
        [_product_link(r["product"]) for r in rows],
    )
