"""Seed the register of processing activities with what Loket does (idempotent: an activity a
beheerder already has, by code, is left as he made it). The texts are a starting point: the
municipality's privacy officer sets its own purposes, bases and terms in the admin."""

from django.db import migrations

# The municipality's own legal basis is usually AVG art. 6(1)(e), a task in the public interest.
PUBLIEKE_TAAK = "AVG art. 6 lid 1 sub e (taak van algemeen belang)"
SELECTIELIJST = "Volgens de Selectielijst gemeenten en intergemeentelijke organen"

VERWERKINGSACTIVITEITEN = [
    # (code, naam, doel, rechtsgrond, bewaartermijn)
    (
        "klantcontact-afhandelen",
        "Klantcontact afhandelen",
        "Vragen van inwoners en ondernemers via alle kanalen (telefoon, balie, e-mail, chat, "
        "website) beantwoorden en het contact vastleggen.",
        f"{PUBLIEKE_TAAK}; Gemeentewet, Algemene wet bestuursrecht",
        SELECTIELIJST,
    ),
    (
        "klantbeeld-raadplegen",
        "Klantbeeld raadplegen",
        "Bij een contact het overzicht van een klant raadplegen (contacten, zaken, meldingen, "
        "afspraken, berichten) om de vraag in één keer goed te beantwoorden.",
        f"{PUBLIEKE_TAAK}; Gemeentewet, Algemene wet bestuursrecht",
        "De raadpleging zelf: zoals het auditlog",
    ),
    (
        "contactverzoek-behandelen",
        "Contactverzoek behandelen",
        "Een terugbelverzoek of interne taak naar aanleiding van een klantcontact afhandelen.",
        f"{PUBLIEKE_TAAK}; Algemene wet bestuursrecht",
        SELECTIELIJST,
    ),
    (
        "zaak-behandelen",
        "Zaak behandelen",
        "Een aanvraag of verzoek van een inwoner of ondernemer in behandeling nemen en afhandelen.",
        f"{PUBLIEKE_TAAK}; de wet van het product (bijv. Paspoortwet, Wet BRP)",
        SELECTIELIJST,
    ),
    (
        "melding-afhandelen",
        "Melding openbare ruimte afhandelen",
        "Een melding over de openbare ruimte ontvangen, beoordelen, laten oplossen en de melder "
        "op de hoogte houden.",
        f"{PUBLIEKE_TAAK}; Gemeentewet (zorg voor de openbare ruimte)",
        SELECTIELIJST,
    ),
    (
        "berichten-versturen",
        "Berichten aan inwoners versturen",
        "Inwoners en ondernemers per e-mail, sms of Mijn Loket informeren over hun contact, zaak "
        "of afspraak, en proactief over diensten waar zij recht op kunnen hebben.",
        f"{PUBLIEKE_TAAK}; AVG art. 6 lid 1 sub a (toestemming) voor proactieve berichten",
        SELECTIELIJST,
    ),
    (
        "klantgegevens-beheren",
        "Klantgegevens beheren",
        "Klanten vastleggen en hun contactgegevens en kanaalvoorkeur bijhouden.",
        f"{PUBLIEKE_TAAK}; Wet BRP (overname uit de BRP)",
        "Zolang de klant contacten, zaken of meldingen heeft die bewaard worden",
    ),
    (
        "inzageverzoek-avg",
        "Inzageverzoek AVG",
        "Een betrokkene op zijn verzoek laten zien welke persoonsgegevens de gemeente van hem "
        "verwerkt.",
        "AVG art. 6 lid 1 sub c (wettelijke verplichting); AVG art. 15",
        SELECTIELIJST,
    ),
    (
        "wisverzoek-avg",
        "Verzoek tot wissen AVG",
        "Een verzoek van een betrokkene om zijn persoonsgegevens te wissen beoordelen en "
        "uitvoeren.",
        "AVG art. 6 lid 1 sub c (wettelijke verplichting); AVG art. 17",
        SELECTIELIJST,
    ),
    (
        "koppeling-api",
        "Koppeling via API",
        "Gegevens van klanten en contacten uitwisselen met andere systemen van de gemeente "
        "(KISS, telefonie, zaaksystemen) via de API's van Loket.",
        f"{PUBLIEKE_TAAK}; het doel van het aanroepende systeem (X-Loket-Doel)",
        "De raadpleging zelf: zoals het auditlog",
    ),
    (
        "beveiliging-verantwoording",
        "Beveiliging en verantwoording",
        "Misbruik voorkomen (geblokkeerde inlogpogingen) en verantwoording afleggen over het "
        "gebruik van persoonsgegevens (het auditlog en zijn exports).",
        "AVG art. 6 lid 1 sub c (wettelijke verplichting); AVG art. 5 lid 2 en art. 32",
        "Volgens het beleid van de gemeente voor logbestanden",
    ),
]


def seed(apps, schema_editor):
    Verwerkingsactiviteit = apps.get_model("core", "Verwerkingsactiviteit")
    for code, naam, doel, rechtsgrond, bewaartermijn in VERWERKINGSACTIVITEITEN:
        Verwerkingsactiviteit.objects.get_or_create(
            code=code,
            defaults={
                "naam": naam,
                "doel": doel,
                "rechtsgrond": rechtsgrond,
                "bewaartermijn": bewaartermijn,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("core", "0007_verwerkingslog")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
