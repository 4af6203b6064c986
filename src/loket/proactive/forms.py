"""Forms of the proactive beheer pages. They only parse input; the rules live in services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from loket.cases.models import Zaaktype
from loket.core.widgets import CHECKBOX, SELECT, TEXTAREA, TEXTBOX
from loket.messaging.models import BerichtKanaal, BerichtStatus
from loket.proactive.models import DocumentSoort, Gebeurtenis, RegelKanaal, Trigger


def _choices(choices, empty=None):
    empty = empty or _("— kies —")
    return [("", empty), *choices]


class RegelForm(forms.Form):
    use_required_attribute = False

    code = forms.SlugField(
        label=_("Code"), max_length=60, widget=forms.TextInput(attrs={"class": TEXTBOX})
    )
    naam = forms.CharField(
        label=_("Naam"), max_length=120, widget=forms.TextInput(attrs={"class": TEXTBOX})
    )
    actief = forms.BooleanField(
        label=_("Actief"), required=False, widget=forms.CheckboxInput(attrs={"class": CHECKBOX})
    )
    trigger = forms.ChoiceField(
        label=_("Aanleiding"),
        choices=_choices(Trigger.choices),
        widget=forms.Select(attrs={"class": SELECT}),
    )
    document_soort = forms.ChoiceField(
        label=_("Document"),
        required=False,
        choices=_choices(DocumentSoort.choices, _("— niet van toepassing —")),
        help_text=_("Bij de aanleiding 'Document verloopt'."),
        widget=forms.Select(attrs={"class": SELECT}),
    )
    weken_vooraf = forms.IntegerField(
        label=_("Weken vooraf"),
        required=False,
        help_text=_("Zoveel weken voor het verlopen (of de 18e verjaardag) komt het aanbod."),
        widget=forms.NumberInput(attrs={"class": TEXTBOX, "inputmode": "numeric"}),
    )
    gebeurtenis = forms.ChoiceField(
        label=_("Levensgebeurtenis"),
        required=False,
        choices=_choices(Gebeurtenis.choices, _("— niet van toepassing —")),
        widget=forms.Select(attrs={"class": SELECT}),
    )
    zaaktype = forms.ModelChoiceField(
        label=_("Zaaktype"),
        required=False,
        queryset=Zaaktype.objects.order_by("omschrijving"),
        empty_label=_("— niet van toepassing —"),
        help_text=_("Bij de aanleiding 'Status van een zaak'."),
        widget=forms.Select(attrs={"class": SELECT}),
    )
    statusvolgnummer = forms.IntegerField(
        label=_("Status (volgnummer)"),
        required=False,
        min_value=1,
        help_text=_("Leeg: bij elke status."),
        widget=forms.NumberInput(attrs={"class": TEXTBOX, "inputmode": "numeric"}),
    )
    leeftijd_min = forms.IntegerField(
        label=_("Doelgroep: vanaf leeftijd"),
        required=False,
        min_value=0,
        widget=forms.NumberInput(attrs={"class": TEXTBOX, "inputmode": "numeric"}),
    )
    leeftijd_max = forms.IntegerField(
        label=_("Doelgroep: tot en met leeftijd"),
        required=False,
        min_value=0,
        widget=forms.NumberInput(attrs={"class": TEXTBOX, "inputmode": "numeric"}),
    )
    producten = forms.CharField(
        label=_("Aangeboden producten"),
        help_text=_("UPL-namen, één per regel, bijvoorbeeld 'parkeervergunning'."),
        widget=forms.Textarea(attrs={"class": TEXTAREA, "rows": 4}),
    )
    kanaal = forms.ChoiceField(
        label=_("Kanaal"),
        choices=RegelKanaal.choices,
        widget=forms.Select(attrs={"class": SELECT}),
    )
    vertraging_dagen = forms.IntegerField(
        label=_("Versturen na (dagen)"),
        required=False,
        help_text=_("Zoveel dagen na de aanleiding gaat het bericht weg; 0 is meteen."),
        widget=forms.NumberInput(attrs={"class": TEXTBOX, "inputmode": "numeric"}),
    )
    onderwerp = forms.CharField(
        label=_("Onderwerp van het bericht"),
        max_length=200,
        widget=forms.TextInput(attrs={"class": TEXTBOX}),
    )
    tekst = forms.CharField(
        label=_("Tekst van het bericht"),
        help_text=_(
            "U kunt {naam}, {document}, {datum}, {weken} en {producten} gebruiken. De producten "
            "met hun kanaaladvies komen onder de tekst."
        ),
        widget=forms.Textarea(attrs={"class": TEXTAREA, "rows": 8}),
    )
    kcc_tip = forms.CharField(
        label=_("Tip voor de KCC-medewerker"),
        required=False,
        max_length=120,
        help_text=_("Bijvoorbeeld 'bied online verlengen aan'."),
        widget=forms.TextInput(attrs={"class": TEXTBOX}),
    )

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["producten"] = [
            line.strip() for line in data["producten"].splitlines() if line.strip()
        ]
        data["weken_vooraf"] = data.get("weken_vooraf") or 0
        data["vertraging_dagen"] = data.get("vertraging_dagen") or 0
        return data


class OutboxFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=_choices(BerichtStatus.choices, _("Alle")),
        widget=forms.Select(attrs={"class": SELECT}),
    )
    kanaal = forms.ChoiceField(
        label=_("Kanaal"),
        required=False,
        choices=_choices(BerichtKanaal.choices, _("Alle")),
        widget=forms.Select(attrs={"class": SELECT}),
    )
    zoek = forms.CharField(
        label=_("Zoeken in onderwerp of fout"),
        required=False,
        widget=forms.TextInput(attrs={"class": TEXTBOX, "type": "search"}),
    )
