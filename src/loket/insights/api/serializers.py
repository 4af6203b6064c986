import datetime as dt

from django.utils import timezone
from rest_framework import serializers

from loket.insights.constants import GebeurtenisSoort


class GebeurtenisInSerializer(serializers.Serializer):
    gesprekId = serializers.CharField(
        max_length=64, help_text="Kenmerk van het gesprek in de telefonie."
    )
    soort = serializers.ChoiceField(choices=GebeurtenisSoort.choices)
    tijdstip = serializers.DateTimeField(help_text="Moment van de gebeurtenis, met tijdzone.")
    wachtrij = serializers.CharField(
        max_length=60,
        required=False,
        allow_blank=True,
        help_text="Verplicht bij 'aangeboden': de wachtrij waarin het gesprek binnenkwam.",
    )
    beller = serializers.CharField(
        max_length=32,
        required=False,
        allow_blank=True,
        help_text="CTI: het nummer van de beller (leeg bij een afgeschermd nummer).",
    )
    gebeld = serializers.CharField(
        max_length=32, required=False, allow_blank=True, help_text="CTI: het gebelde nummer."
    )
    toestel = serializers.CharField(
        max_length=20,
        required=False,
        allow_blank=True,
        help_text=(
            "CTI: het toestel dat overgaat of opneemt; de medewerker met dit toestel krijgt het "
            "klantbeeld van de beller in zijn werkplek."
        ),
    )

    def validate_tijdstip(self, value):

        if timezone.is_naive(value):
            raise serializers.ValidationError("Geef het tijdstip met tijdzone op.")
        # Events may be sent late (a backfill from the telephony system), never ahead, and not
        # from before Loket's calendar (year 0345 came back with an offset no client can read).
        if value > timezone.now() + dt.timedelta(minutes=5):
            raise serializers.ValidationError("Het tijdstip ligt in de toekomst.")
        if value < dt.datetime(2000, 1, 1, tzinfo=dt.UTC):
            raise serializers.ValidationError("Het tijdstip ligt voor 2000.")
        return value


class GebeurtenisOutSerializer(serializers.Serializer):
    gesprekId = serializers.CharField(source="gebeurtenis.gesprek.gesprek_id")
    soort = serializers.CharField(source="gebeurtenis.soort")
    tijdstip = serializers.DateTimeField(source="gebeurtenis.tijdstip")
    wachtrij = serializers.CharField(source="gebeurtenis.gesprek.wachtrij")
    dubbel = serializers.BooleanField(
        help_text="Waar als deze gebeurtenis al eerder was ontvangen; ze telt dan niet opnieuw mee."
    )
