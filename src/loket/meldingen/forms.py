"""The melding form: the citizens' portal and the KCM intake use the same one."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from loket.core.widgets import FILE, TEXTAREA, TEXTBOX

URGENT_KEUZES = [("ja", _("Ja")), ("nee", _("Nee"))]


def _ja_nee(value: str) -> bool:
    return value == "ja"


class MeldingForm(forms.Form):
    """The citizens' report form and the KCM intake form."""

    # No `required` attribute in the HTML: a required textarea matches :invalid on load and the
    # design system paints it red before anyone typed. The server (and the portal's script, on
    # blur and submit) says what is missing.
    use_required_attribute = False

    tekst = forms.CharField(
        label=_("Wat wilt u melden?"),
        help_text=_("Beschrijf in uw eigen woorden wat er aan de hand is."),
        max_length=4000,
        widget=forms.Textarea(attrs={"class": TEXTAREA, "rows": 4, "maxlength": 4000}),
    )
    adres = forms.CharField(
        label=_("Adres of plek"),
        help_text=_("Bijvoorbeeld: Kerkstraat 12, of: bij de speeltuin in het Beukenpark."),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"class": TEXTBOX, "autocomplete": "street-address"}),
    )
    lat = forms.FloatField(
        label=_("Breedtegraad"),
        required=False,
        help_text=_("Als u de coördinaten weet (WGS84), bijvoorbeeld 52.2551."),
        widget=forms.NumberInput(attrs={"class": TEXTBOX, "step": "any"}),
    )
    lon = forms.FloatField(
        label=_("Lengtegraad"),
        required=False,
        help_text=_("Bijvoorbeeld 6.1639."),
        widget=forms.NumberInput(attrs={"class": TEXTBOX, "step": "any"}),
    )
    urgent = forms.TypedChoiceField(
        label=_("Is het gevaarlijk, of moet het snel worden opgelost?"),
        help_text=_("Bij direct gevaar voor mensen: bel 112."),
        choices=URGENT_KEUZES,
        coerce=_ja_nee,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect(
            attrs={"class": "utrecht-radio-button utrecht-radio-button--html-input"}
        ),
    )
    foto = forms.FileField(
        label=_("Foto"),
        required=False,
        help_text=_("JPG of PNG, hoogstens 8 MB."),
        widget=forms.ClearableFileInput(attrs={"class": FILE, "accept": "image/*"}),
    )
    naam = forms.CharField(
        label=_("Uw naam"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"class": TEXTBOX, "autocomplete": "name"}),
    )
    email = forms.CharField(
        label=_("Uw e-mailadres"),
        required=False,
        help_text=_("Dan sturen we u een ontvangstbevestiging en bericht als het is opgelost."),
        max_length=254,
        widget=forms.EmailInput(attrs={"class": TEXTBOX, "autocomplete": "email"}),
    )
    telefoon = forms.CharField(
        label=_("Uw telefoonnummer"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"class": TEXTBOX, "autocomplete": "tel"}),
    )
    sleutel = forms.CharField(required=False, max_length=100, widget=forms.HiddenInput)
