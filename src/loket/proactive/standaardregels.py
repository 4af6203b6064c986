"""The default rules of the demo municipality (a beheerder changes them at /proactief/regels/)."""

from loket.proactive.models import DocumentSoort, Gebeurtenis, Trigger

DOCUMENT_TEKST = (
    "Beste {naam},\n\n"
    "Uw {document} is geldig tot {datum}. Vraag op tijd een nieuw document aan: dan heeft u het "
    "voordat u op reis gaat of u moet identificeren. Vraag het online aan en maak direct een "
    "afspraak om het op te halen."
)

STANDAARDREGELS: list[dict] = [
    {
        "code": "paspoort-verloopt",
        "naam": "Paspoort verloopt binnen 8 weken",
        "trigger": Trigger.DOCUMENT,
        "document_soort": DocumentSoort.PASPOORT,
        "weken_vooraf": 8,
        "producten": ["paspoort"],
        "onderwerp": "Uw paspoort verloopt binnenkort",
        "tekst": DOCUMENT_TEKST,
        "kcc_tip": "bied online aanvragen met een afspraak aan",
    },
    {
        "code": "identiteitskaart-verloopt",
        "naam": "Identiteitskaart verloopt binnen 8 weken",
        "trigger": Trigger.DOCUMENT,
        "document_soort": DocumentSoort.IDENTITEITSKAART,
        "weken_vooraf": 8,
        "producten": ["identiteitskaart"],
        "onderwerp": "Uw identiteitskaart verloopt binnenkort",
        "tekst": DOCUMENT_TEKST,
        "kcc_tip": "bied online aanvragen met een afspraak aan",
    },
    {
        "code": "rijbewijs-verloopt",
        "naam": "Rijbewijs verloopt binnen 8 weken",
        "trigger": Trigger.DOCUMENT,
        "document_soort": DocumentSoort.RIJBEWIJS,
        "weken_vooraf": 8,
        "producten": ["rijbewijs"],
        "onderwerp": "Uw rijbewijs verloopt binnenkort",
        "tekst": DOCUMENT_TEKST,
        "kcc_tip": "bied online verlengen aan",
    },
    {
        "code": "verhuizing-binnen-gemeente",
        "naam": "Na een verhuizing binnen de gemeente",
        "trigger": Trigger.LEVENSGEBEURTENIS,
        "gebeurtenis": Gebeurtenis.VERHUIZING,
        "producten": ["parkeervergunning", "afvalpas", "hondenbelasting"],
        "onderwerp": "U bent verhuisd: regel ook dit",
        "tekst": (
            "Beste {naam},\n\n"
            "Uw verhuizing op {datum} is verwerkt. Bij een nieuw adres horen vaak ook een nieuwe "
            "parkeervergunning, een afvalpas voor de nieuwe container en het doorgeven van uw "
            "hond voor de hondenbelasting."
        ),
        "kcc_tip": "bied parkeervergunning, afvalpas en hondenbelasting aan",
    },
    {
        "code": "geboorte",
        "naam": "Na de geboorte van een kind",
        "trigger": Trigger.LEVENSGEBEURTENIS,
        "gebeurtenis": Gebeurtenis.GEBOORTE,
        "producten": ["erkenning kind", "burgerservicenummer (bsn)"],
        "onderwerp": "Gefeliciteerd met de geboorte van uw kind",
        "tekst": (
            "Beste {naam},\n\n"
            "Gefeliciteerd met uw kind, geboren op {datum}. Uw kind krijgt een burgerservicenummer "
            "(BSN); de brief daarover komt binnenkort. Bent u niet getrouwd en geen geregistreerd "
            "partner? Dan kan de vader of duomoeder het kind erkennen."
        ),
        "kcc_tip": "wijs op erkenning en de BSN-brief",
    },
    {
        "code": "18-jaar",
        "naam": "18 jaar worden",
        "trigger": Trigger.LEVENSGEBEURTENIS,
        "gebeurtenis": Gebeurtenis.ACHTTIEN,
        "weken_vooraf": 2,
        "producten": ["stemrecht", "identiteitskaart"],
        "onderwerp": "U wordt 18: dit verandert er",
        "tekst": (
            "Beste {naam},\n\n"
            "Op {datum} wordt u 18 jaar. Vanaf dan mag u stemmen bij verkiezingen; u krijgt uw "
            "stempas thuisgestuurd. Neem een geldig identiteitsbewijs mee als u gaat stemmen."
        ),
        "kcc_tip": "wijs op stemrecht en een geldig identiteitsbewijs",
    },
]
