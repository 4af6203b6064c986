"""The standard forms of Zeventerpen, as data: three Flits products and two Vlot products.

`formulieren_standaard_laden()` (services) creates them for the products that exist; a
municipality edits them in the admin afterwards.
"""

from typing import Any, TypedDict


class FormulierSpec(TypedDict):
    """One standard form: the arguments of `formulier_create` and the product's UPL name."""

    slug: str
    upl: str
    titel: str
    inleiding: str
    automatisering: str
    inloggen_verplicht: bool
    contactreden: str
    stappen: list[dict[str, Any]]


CONTACT_STAP: dict[str, Any] = {
    "titel": "Contactgegevens",
    "velden": [
        {
            "naam": "email",
            "type": "email",
            "label": "E-mailadres",
            "hulptekst": "Hierheen sturen wij de bevestiging.",
            "prefill": "partij.email",
        },
        {
            "naam": "telefoon",
            "type": "telefoon",
            "label": "Telefoonnummer",
            "verplicht": False,
            "prefill": "partij.telefoon",
        },
    ],
}

VERHUISMELDING: FormulierSpec = {
    "slug": "verhuismelding",
    "upl": "verhuismelding",
    "titel": "Verhuizing doorgeven",
    "inleiding": (
        "Verhuist u binnen Zeventerpen? Geef uw nieuwe adres hier door, vanaf 4 weken vóór tot "
        "5 dagen na uw verhuisdatum. Gaat alles goed, dan staat uw nieuwe adres direct in de "
        "Basisregistratie Personen (BRP)."
    ),
    "automatisering": "verhuizing",
    "inloggen_verplicht": True,
    "contactreden": "Verhuizing doorgeven",
    "stappen": [
        {
            "titel": "Uw nieuwe adres",
            "controles": ["nieuw_adres", "verhuisdatum"],
            "velden": [
                {
                    "naam": "postcode",
                    "type": "postcode",
                    "label": "Postcode",
                    "hulptekst": "Bijvoorbeeld 1234 AB.",
                    "autocomplete": "postal-code",
                },
                {"naam": "huisnummer", "type": "huisnummer", "label": "Huisnummer"},
                {
                    "naam": "huisletter",
                    "type": "huisletter",
                    "label": "Huisletter",
                    "verplicht": False,
                },
                {
                    "naam": "toevoeging",
                    "type": "toevoeging",
                    "label": "Toevoeging",
                    "verplicht": False,
                },
                {
                    "naam": "verhuisdatum",
                    "type": "datum",
                    "label": "Verhuisdatum",
                    "hulptekst": "De dag waarop u op het nieuwe adres gaat wonen (dd-mm-jjjj).",
                },
            ],
        },
        {
            "titel": "Wie verhuizen er mee?",
            "controles": ["meeverhuizers"],
            "velden": [
                {
                    "naam": "meeverhuizers",
                    "type": "meerkeuze",
                    "bron": "huishouden",
                    "label": "Wie van uw huidige adres verhuizen met u mee?",
                    "hulptekst": "Kies niemand als u alleen verhuist.",
                    "verplicht": False,
                },
                {
                    "naam": "anderen_verhuizen_mee",
                    "type": "keuze",
                    "label": "Verhuizen er ook mensen mee die niet op uw huidige adres wonen?",
                    "keuzes": [["nee", "Nee"], ["ja", "Ja"]],
                },
                {
                    "naam": "anderen_namen",
                    "type": "tekstvak",
                    "label": "Namen en geboortedata",
                    "hulptekst": "Per persoon: naam en geboortedatum. Een medewerker verwerkt dit.",
                    "als": {"veld": "anderen_verhuizen_mee", "is": "ja"},
                    "verplicht": False,
                },
            ],
        },
        CONTACT_STAP,
    ],
}

AFVALPAS: FormulierSpec = {
    "slug": "afvalpas",
    "upl": "afvalpas",
    "titel": "Nieuwe afvalpas aanvragen",
    "inleiding": (
        "Afvalpas kwijt of kapot? Vraag hier een nieuwe aan. Uw oude pas wordt direct geblokkeerd."
    ),
    "automatisering": "afvalpas",
    "inloggen_verplicht": True,
    "contactreden": "",
    "stappen": [
        {
            "titel": "Uw afvalpas",
            "velden": [
                {
                    "naam": "adres",
                    "type": "tekst",
                    "label": "Adres",
                    "prefill": "brp.adres",
                    "alleen_lezen": True,
                    "verplicht": False,
                },
                {
                    "naam": "reden",
                    "type": "keuze",
                    "label": "Waarom heeft u een nieuwe pas nodig?",
                    "keuzes": [
                        ["kwijt", "Kwijt"],
                        ["gestolen", "Gestolen"],
                        ["kapot", "Kapot"],
                    ],
                },
            ],
        },
        CONTACT_STAP,
    ],
}

BRP_UITTREKSEL: FormulierSpec = {
    "slug": "uittreksel-brp",
    "upl": "brp-uittreksel",
    "titel": "Uittreksel BRP aanvragen",
    "inleiding": (
        "Een uittreksel uit de Basisregistratie Personen (BRP) met uw naam, geboortedatum en "
        "adres. U ziet het direct in Mijn Loket."
    ),
    "automatisering": "brp-uittreksel",
    "inloggen_verplicht": True,
    "contactreden": "Uittreksel BRP",
    "stappen": [
        {
            "titel": "Uw uittreksel",
            "velden": [
                {
                    "naam": "doel",
                    "type": "keuze",
                    "label": "Waarvoor heeft u het uittreksel nodig?",
                    "keuzes": [
                        ["werkgever", "Voor mijn werkgever"],
                        ["woningcorporatie", "Voor een woningcorporatie"],
                        ["anders", "Iets anders"],
                    ],
                },
                {
                    "naam": "doel_anders",
                    "type": "tekst",
                    "label": "Waarvoor dan?",
                    "als": {"veld": "doel", "is": "anders"},
                },
            ],
        },
    ],
}

PARKEERVERGUNNING: FormulierSpec = {
    "slug": "parkeervergunning",
    "upl": "parkeervergunning",
    "titel": "Parkeervergunning aanvragen",
    "inleiding": "Een parkeervergunning voor bewoners. De kosten schrijven wij per kwartaal af.",
    "automatisering": "",
    "inloggen_verplicht": True,
    "contactreden": "",
    "stappen": [
        {
            "titel": "Uw auto",
            "velden": [
                {
                    "naam": "adres",
                    "type": "tekst",
                    "label": "Adres",
                    "prefill": "brp.adres",
                    "alleen_lezen": True,
                    "verplicht": False,
                },
                {
                    "naam": "kenteken",
                    "type": "kenteken",
                    "label": "Kenteken",
                    "hulptekst": "Bijvoorbeeld 12-ABC-3.",
                },
                {
                    "naam": "lease",
                    "type": "selectievakje",
                    "label": "Het is een lease- of bedrijfsauto",
                    "verplicht": False,
                },
                {
                    "naam": "leaseverklaring",
                    "type": "bestand",
                    "label": "Verklaring van de leasemaatschappij of werkgever",
                    "hulptekst": "PDF, JPG of PNG, hoogstens 5 MB.",
                    "bestandstypen": ["pdf", "jpg", "png"],
                    "max_mb": 5,
                    "als": {"veld": "lease", "is": True},
                },
            ],
        },
        {
            "titel": "Betaling",
            "velden": [
                {
                    "naam": "iban",
                    "type": "iban",
                    "label": "IBAN voor de automatische incasso",
                    "hulptekst": "Bijvoorbeeld NL91 ABNA 0417 1643 00.",
                },
                {
                    "naam": "machtiging",
                    "type": "selectievakje",
                    "label": "Ik machtig de gemeente om de kosten van mijn rekening af te schrijven",
                },
            ],
        },
        CONTACT_STAP,
    ],
}

KWIJTSCHELDING: FormulierSpec = {
    "slug": "kwijtschelding",
    "upl": "belastingkwijtschelding",
    "titel": "Kwijtschelding gemeentelijke belastingen aanvragen",
    "inleiding": (
        "Heeft u een laag inkomen en weinig vermogen? Vraag kwijtschelding aan voor de "
        "afvalstoffenheffing en rioolheffing."
    ),
    "automatisering": "",
    "inloggen_verplicht": True,
    "contactreden": "",
    "stappen": [
        {
            "titel": "Uw situatie",
            "velden": [
                {
                    "naam": "aanslagnummer",
                    "type": "tekst",
                    "label": "Aanslagnummer",
                    "hulptekst": "Staat op uw aanslagbiljet.",
                    "max_lengte": 20,
                },
                {
                    "naam": "inkomen",
                    "type": "keuze",
                    "label": "Wat is uw inkomen?",
                    "keuzes": [
                        ["bijstand", "Bijstandsuitkering"],
                        ["aow", "Alleen AOW"],
                        ["loon", "Loon of andere uitkering"],
                    ],
                },
                {
                    "naam": "bewijs_inkomen",
                    "type": "bestand",
                    "label": "Bewijs van inkomen (loonstrook of uitkeringsspecificatie)",
                    "hulptekst": "PDF, JPG of PNG, hoogstens 5 MB.",
                    "max_mb": 5,
                },
                {
                    "naam": "iban",
                    "type": "iban",
                    "label": "Uw IBAN",
                    "hulptekst": "Voor het terugbetalen van wat u al betaalde.",
                },
            ],
        },
        CONTACT_STAP,
    ],
}

STANDAARD_FORMULIEREN: list[FormulierSpec] = [
    VERHUISMELDING,
    AFVALPAS,
    BRP_UITTREKSEL,
    PARKEERVERGUNNING,
    KWIJTSCHELDING,
]
