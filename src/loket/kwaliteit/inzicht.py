"""The juistheid section of the /inzicht/ dashboard, next to FCR and handling time.

insights does not import kwaliteit (siblings in one layer); kwaliteit registers this builder
in its AppConfig.ready() through insights.secties.register_sectie."""

from __future__ import annotations

from loket.insights.selectors.filters import Filters
from loket.insights.selectors.presentation import MAANDEN, Kpi, Sectie, Tabel
from loket.kwaliteit.selectors import juistheid_per_team_maand


def juistheid_sectie(filters: Filters, normen: dict) -> Sectie:
    """The finished reviews of the months the filter's period touches: the juistheid against
    its norm and the mean score in total, and per team and month."""
    regels, totaal = juistheid_per_team_maand(
        vanaf=filters.van,
        tot=filters.tot,
        team=filters.team,
        kanaalsoort=filters.kanaalsoort,
        product_id=filters.product.pk if filters.product is not None else None,
    )
    juistheid = Kpi(
        "juistheid",
        "Juistheid van antwoorden",
        totaal.juistheid,
        "%",
        normen.get("juistheid"),
        totaal.juist,
        totaal.gescoord,
        "Beoordeelde contacten waarin het antwoord juist en volledig was (kwaliteitsbeoordeling, "
        "criterium ‘Juist en volledig antwoord’: voldoet) / beoordeelde contacten.",
    )
    score = Kpi(
        "kwaliteitsscore",
        "Gemiddelde kwaliteitsscore",
        totaal.gemiddelde_score,
        "",
        None,
        None,
        totaal.score_n or None,
        "Het gewogen gemiddelde over alle criteria van de rubriek (0–100).",
    )
    tabel = Tabel(
        "juistheid",
        "Juistheid per team en maand",
        ["Team", "Maand", "Beoordeeld", "Juistheid %", "Norm gehaald", "Gemiddelde score"],
        [
            [
                r.team.name,
                f"{MAANDEN[r.maand.month - 1]} {r.maand.year}",
                r.cijfer.beoordeeld,
                r.cijfer.juistheid,
                "—" if r.gehaald is None else ("ja" if r.gehaald else "nee"),
                r.cijfer.gemiddelde_score,
            ]
            for r in regels
        ],
    )
    return Sectie(
        "juistheid",
        "Juistheid (kwaliteitsbeoordeling)",
        kpis=[juistheid, score],
        tabellen=[tabel],
        toelichting=(
            "Uit de maandelijkse beoordeling van klantcontacten (steekproef en signalen), per "
            "maand van het contact: de maanden die de gekozen periode raakt. De beoordelingen "
            "zelf staan onder Kwaliteit."
        ),
    )
