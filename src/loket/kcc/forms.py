"""Forms of the KCC pages. They only parse input; the rules live in the services and selectors."""

from __future__ import annotations

from typing import cast

from django import forms
from django.forms import BaseFormSet, formset_factory
from django.utils.translation import gettext_lazy as _

from loket.catalogue.selectors import organisatie_list, product_list
from loket.contacts.constants import Afhandeling
from loket.contacts.selectors import (
    contactreden_tree,
    contactverzoek_medewerkers,
    contactverzoek_teams,
)
from loket.contacts.services import TEAM_OF_MEDEWERKER
from loket.contacts.vertrouwelijk import vertrouwelijk_team_choices
from loket.core.models import Kanaal
from loket.core.widgets import CHECKBOX, SELECT, TEXTAREA, TEXTBOX
from loket.knowledge.models import ArtikelVersie
from loket.parties.constants import SoortDigitaalAdres

VRAAGTEKST_MAX = 1000
ANTWOORD_MAX = 4000
INHOUD_MAX = 4000
GEVRAAGDE_HANDELING_MAX = 2000


def _text(max_length: int | None = None, **attrs) -> forms.TextInput:
    attrs = {"class": TEXTBOX, "autocomplete": "off", **attrs}
    if max_length:
        attrs["maxlength"] = max_length
    return forms.TextInput(attrs=attrs)


def _counted(max_length: int, rows: int = 3) -> forms.Textarea:
    """A textarea whose limit is shown while typing (kcc.js fills the counter)."""
    return forms.Textarea(
        attrs={"class": TEXTAREA, "rows": rows, "maxlength": max_length, "data-counter": "true"}
    )


class SearchForm(forms.Form):
    """Base for the four searches; `zoek` tells the view which one was submitted."""

    soort = ""

    def field_for(self, name: str | None) -> str | None:
        """The form field a DomainError's field name belongs to (None: the form as a whole)."""
        mapping = {"geslachtsnaam": "achternaam"}
        name = mapping.get(name or "", name)
        return name if name in self.fields else None


class BsnSearchForm(SearchForm):
    soort = "bsn"
    bsn = forms.CharField(label=_("BSN"), max_length=20, widget=_text(20, inputmode="numeric"))


class NaamSearchForm(SearchForm):
    soort = "naam"
    achternaam = forms.CharField(label=_("Achternaam"), max_length=200, widget=_text(200))
    geboortedatum = forms.DateField(
        label=_("Geboortedatum"),
        widget=forms.DateInput(attrs={"class": TEXTBOX, "type": "date"}, format="%Y-%m-%d"),
    )


class AdresSearchForm(SearchForm):
    soort = "adres"
    postcode = forms.CharField(
        label=_("Postcode"), max_length=10, widget=_text(10, autocomplete="postal-code")
    )
    huisnummer = forms.CharField(
        label=_("Huisnummer"), max_length=8, widget=_text(8, inputmode="numeric")
    )


class KvkSearchForm(SearchForm):
    soort = "kvk"
    kvk_nummer = forms.CharField(
        label=_("KVK-nummer"),
        max_length=12,
        required=False,
        widget=_text(12, inputmode="numeric"),
    )
    naam = forms.CharField(
        label=_("Bedrijfsnaam"), max_length=100, required=False, widget=_text(100)
    )


class ContactgegevenSearchForm(SearchForm):
    """A klant by what the caller says first: a phone number, an e-mail address or, for a
    company, its KVK-nummer (written any way: "06-12345678", "+31 6 1234 5678")."""

    soort = "contact"
    zoekterm = forms.CharField(
        label=_("Telefoonnummer, e-mailadres of KVK-nummer"),
        max_length=254,
        help_text=_("Bijvoorbeeld 06-12345678, naam@voorbeeld.nl of 12345678."),
        widget=_text(254),
    )


SEARCH_FORMS = {
    form.soort: form
    for form in (
        BsnSearchForm,
        ContactgegevenSearchForm,
        NaamSearchForm,
        AdresSearchForm,
        KvkSearchForm,
    )
}


def contactreden_choices() -> tuple[list, dict]:
    """Grouped choices (hoofdreden › subredenen) and the subredenen by pk."""
    choices: list = [("", _("— kies een contactreden —"))]
    by_pk = {}
    for hoofd in contactreden_tree():
        subs = list(hoofd.subredenen.all())
        if not subs:
            continue
        choices.append((hoofd.naam, [(str(sub.pk), sub.naam) for sub in subs]))
        by_pk.update({str(sub.pk): sub for sub in subs})
    return choices, by_pk


class MedewerkerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        teams = ", ".join(team.name for team in obj.teams.all())
        return f"{obj} ({teams})" if teams else str(obj)


class VraagForm(forms.Form):
    """One question. Contactreden choices are passed in so a formset reads the tree once."""

    product = forms.ModelChoiceField(
        label=_("Product"),
        queryset=product_list(verwijsbaar=True),
        required=False,
        empty_label=_("— geen product —"),
        widget=forms.Select(attrs={"class": SELECT}),
    )
    contactreden = forms.ChoiceField(
        label=_("Contactreden"), widget=forms.Select(attrs={"class": SELECT})
    )
    vraagtekst = forms.CharField(
        label=_("Vraag van de klant"),
        help_text=_("In de woorden van de klant."),
        max_length=VRAAGTEKST_MAX,
        widget=_counted(VRAAGTEKST_MAX, rows=2),
    )
    antwoord = forms.CharField(
        label=_("Antwoord"),
        max_length=ANTWOORD_MAX,
        required=False,
        widget=_counted(ANTWOORD_MAX, rows=3),
    )
    afhandeling = forms.ChoiceField(
        label=_("Afhandeling"),
        choices=Afhandeling.choices,
        initial=Afhandeling.BEANTWOORD,
        widget=forms.Select(attrs={"class": SELECT}),
    )

    # Set by "Gebruik dit antwoord" in the Kennisbank panel (kcc.js): the version given.
    kennisartikel_versie = forms.ModelChoiceField(
        label=_("Gegeven antwoord (kennisartikel)"),
        queryset=ArtikelVersie.objects.all(),
        required=False,
        widget=forms.HiddenInput(attrs={"data-kennis-versie-veld": "true"}),
        error_messages={
            "invalid_choice": _(
                "Het gekozen kennisartikel bestaat niet (meer). Kies het antwoord opnieuw in "
                "de kennisbank."
            )
        },
    )

    # Set with it: what the agent searched in the panel to find that answer (the search learns
    # from the pair; knowledge.search.leren keeps only short questions without digits).
    kennis_zoekvraag = forms.CharField(
        required=False,
        max_length=1000,
        widget=forms.HiddenInput(attrs={"data-kennis-zoekvraag-veld": "true"}),
    )

    # Only used when afhandeling is "contactverzoek" (kcc.js shows them then); the service checks.
    # Team, medewerker or both: at least one (the form checks, the service too).
    team = forms.ModelChoiceField(
        label=_("Team"),
        queryset=contactverzoek_teams(),
        required=False,
        empty_label=_("— geen team —"),
        widget=forms.Select(attrs={"class": SELECT}),
    )
    medewerker = MedewerkerChoiceField(
        label=_("Medewerker"),
        queryset=contactverzoek_medewerkers(),
        required=False,
        empty_label=_("— geen medewerker —"),
        widget=forms.Select(attrs={"class": SELECT}),
    )
    gevraagde_handeling = forms.CharField(
        label=_("Gevraagde handeling"),
        help_text=_("Wat moet de backoffice doen?"),
        max_length=GEVRAAGDE_HANDELING_MAX,
        required=False,
        widget=_counted(GEVRAAGDE_HANDELING_MAX, rows=2),
    )
    terugbelnummer = forms.CharField(
        label=_("Terugbelnummer"),
        max_length=30,
        required=False,
        widget=_text(30, inputmode="tel", autocomplete="off"),
    )
    email = forms.CharField(
        label=_("E-mailadres van de klant"),
        max_length=254,
        required=False,
        widget=_text(254, inputmode="email"),
    )

    # Only used when afhandeling is "doorverwezen" (kcc.js shows it then); the service checks.
    doorverwezen_naar = forms.ModelChoiceField(
        label=_("Doorverwezen naar"),
        help_text=_("De organisatie die het regelt en waarnaar u de klant verwijst."),
        queryset=organisatie_list(),
        required=False,
        empty_label=_("— kies een organisatie —"),
        widget=forms.Select(attrs={"class": SELECT}),
    )

    def __init__(self, *args, redenen=None, met_medewerker: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.redenen: dict
        choices, self.redenen = redenen if redenen is not None else contactreden_choices()
        cast(forms.ChoiceField, self.fields["contactreden"]).choices = choices
        cast(forms.ModelChoiceField, self.fields["team"]).queryset = contactverzoek_teams()
        if met_medewerker:
            # The KCC assigns to a team, a medewerker or both (the training sandbox: a team).
            medewerker = cast(forms.ModelChoiceField, self.fields["medewerker"])
            medewerker.queryset = contactverzoek_medewerkers()
        else:
            del self.fields["medewerker"]
        doorverwezen = cast(forms.ModelChoiceField, self.fields["doorverwezen_naar"])
        doorverwezen.queryset = organisatie_list()

    @property
    def is_contactverzoek(self) -> bool:
        value = self["afhandeling"].value()
        return value == Afhandeling.CONTACTVERZOEK

    @property
    def is_doorverwezen(self) -> bool:
        return self["afhandeling"].value() == Afhandeling.DOORVERWEZEN

    def clean(self):
        cleaned = super().clean()
        if (
            "medewerker" in self.fields
            and cleaned.get("afhandeling") == Afhandeling.CONTACTVERZOEK
            and not cleaned.get("team")
            and not cleaned.get("medewerker")
            and "team" not in self.errors
            and "medewerker" not in self.errors
        ):
            self.add_error("team", TEAM_OF_MEDEWERKER)
        return cleaned

    def clean_contactreden(self):
        value = self.cleaned_data["contactreden"]
        return self.redenen[value]


class BaseVraagFormSet(BaseFormSet):
    """The questions of a contact. Questions restored from a draft (`initial`) are shown as new
    ones, so the agent may still empty or change them (an initial form would be required)."""

    def initial_form_count(self):
        return super().initial_form_count() if self.is_bound else 0

    def total_form_count(self):
        if self.is_bound:
            return super().total_form_count()
        return min(max(len(self.initial or ()), self.extra), self.max_num)


VraagFormSet = formset_factory(
    VraagForm, formset=BaseVraagFormSet, extra=1, min_num=0, max_num=20, validate_max=True
)


class ContactForm(forms.Form):
    """The contact itself; its timer, klant and idempotency key live on the open-contact tab."""

    kanaal = forms.ModelChoiceField(
        label=_("Kanaal"),
        queryset=Kanaal.objects.filter(is_actief=True).order_by("volgorde", "naam"),
        to_field_name="code",
        empty_label=None,
        widget=forms.Select(attrs={"class": SELECT}),
    )
    inhoud = forms.CharField(
        label=_("Notities"),
        max_length=INHOUD_MAX,
        required=False,
        widget=_counted(INHOUD_MAX, rows=3),
    )
    vertrouwelijk = forms.BooleanField(
        label=_("Vertrouwelijk"),
        required=False,
        help_text=_(
            "Sociaal domein, huiselijk geweld, schulden: alleen het gekozen team leest de "
            "inhoud; anderen zien dat er contact was en wie ze het kunnen vragen."
        ),
        widget=forms.CheckboxInput(attrs={"class": CHECKBOX}),
    )
    vertrouwelijk_team = forms.ModelChoiceField(
        label=_("Team met inzage"),
        queryset=vertrouwelijk_team_choices(),
        to_field_name="slug",
        required=False,
        empty_label=_("— kies bij een vertrouwelijk contact —"),
        widget=forms.Select(attrs={"class": SELECT}),
    )

    tevredenheid = forms.BooleanField(
        label=_("De klant wil na dit contact een korte vragenlijst over onze dienstverlening"),
        required=False,
        help_text=_(
            "Vraag het aan het eind: ‘Mogen wij u een korte vragenlijst sturen over dit "
            "contact?’ Alleen bij een bekende klant; de klant kan het in Mijn Loket weer uitzetten."
        ),
        widget=forms.CheckboxInput(attrs={"class": CHECKBOX}),
    )

    def __init__(self, *args, kanaal: str = "telefoon", **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("kanaal", kanaal)

    def clean(self):
        cleaned = super().clean()
        team = cleaned.get("vertrouwelijk_team")
        if cleaned.get("vertrouwelijk") and team is None:
            self.add_error(
                "vertrouwelijk_team", _("Kies het team dat dit vertrouwelijke contact mag inzien.")
            )
        elif team is not None and not cleaned.get("vertrouwelijk"):
            self.add_error(
                "vertrouwelijk_team",
                _("Een team met inzage kiest u alleen bij een vertrouwelijk contact."),
            )
        return cleaned


ADRES_SOORTEN = [
    (SoortDigitaalAdres.EMAIL.value, _("E-mailadres")),
    (SoortDigitaalAdres.TELEFOON.value, _("Telefoonnummer")),
]


class DigitaalAdresForm(forms.Form):
    """A new e-mail address or phone number; the service validates and normalises it."""

    soort = forms.ChoiceField(
        label=_("Soort"), choices=ADRES_SOORTEN, widget=forms.Select(attrs={"class": SELECT})
    )
    adres = forms.CharField(
        label=_("E-mailadres of telefoonnummer"),
        max_length=254,
        widget=_text(254, autocomplete="off"),
    )
    is_standaard_adres = forms.BooleanField(
        label=_("Voorkeursadres van deze soort"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": CHECKBOX}),
    )
    geverifieerd = forms.BooleanField(
        label=_("Geverifieerd bij klant"),
        help_text=_("Aanvinken als u het adres met de klant hebt gecontroleerd."),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": CHECKBOX}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "adres")
        super().__init__(*args, **kwargs)


class VoorkeurskanaalForm(forms.Form):
    voorkeurskanaal = forms.ModelChoiceField(
        label=_("Voorkeurskanaal"),
        queryset=Kanaal.objects.filter(is_actief=True).order_by("volgorde", "naam"),
        to_field_name="code",
        required=False,
        empty_label=_("— geen voorkeur —"),
        widget=forms.Select(attrs={"class": SELECT}),
    )


class WerkplekForm(forms.Form):
    werkplek = forms.ChoiceField(
        label=_("Werkplek"),
        choices=[("telefoon", _("Telefoon")), ("balie", _("Balie"))],
        widget=forms.Select(attrs={"class": SELECT}),
    )


class DoorverwijzingenForm(forms.Form):
    """The period of the referrals overview (teamleider)."""

    van = forms.DateField(
        label=_("Van"),
        widget=forms.DateInput(attrs={"class": TEXTBOX, "type": "date"}, format="%Y-%m-%d"),
    )
    tot = forms.DateField(
        label=_("Tot en met"),
        widget=forms.DateInput(attrs={"class": TEXTBOX, "type": "date"}, format="%Y-%m-%d"),
    )
