"""Forms of the knowledge pages. They only parse input; the rules live in knowledge.services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from loket.accounts.models import Team
from loket.catalogue.models import Organisatie, Product
from loket.core.errors import DomainError
from loket.core.widgets import CHECKBOX, SELECT, TEXTAREA, TEXTBOX
from loket.knowledge.constants import ArtikelStatus
from loket.knowledge.models import ArtikelFeedback, FeedbackStatus, Kennisartikel
from loket.knowledge.redactie_selectors import product_by_naam


def _text(label, *, required=False, max_length=None, help_text="", **attrs):
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        help_text=help_text,
        widget=forms.TextInput(attrs={"class": TEXTBOX, **attrs}),
    )


def _area(label, *, required=False, rows=4, help_text="", **attrs):
    return forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        strip=True,
        widget=forms.Textarea(attrs={"class": TEXTAREA, "rows": rows, **attrs}),
    )


class LinesField(forms.CharField):
    """One item a line in a textarea ↔ a list."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.Textarea(attrs={"class": TEXTAREA, "rows": 4}))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(value)
        return value

    def to_python(self, value):
        value = super().to_python(value)
        return [line.strip() for line in (value or "").splitlines() if line.strip()]


class ZoekForm(forms.Form):
    q = forms.CharField(
        label=_("Zoek in de kennisbank"),
        required=False,
        max_length=2000,
        widget=forms.TextInput(
            attrs={"class": TEXTBOX, "type": "search", "autocomplete": "off", "autofocus": True}
        ),
    )


class FeedbackForm(forms.Form):
    use_required_attribute = False

    soort = forms.ChoiceField(
        label=_("Wat is er mis?"),
        choices=ArtikelFeedback.Soort.choices,
        widget=forms.Select(attrs={"class": SELECT}),
    )
    opmerking = _area(
        _("Opmerking"),
        required=True,
        rows=3,
        help_text=_("Wat klopt er niet of wat ontbreekt? De redactie leest mee."),
    )


class ArtikelForm(forms.Form):
    use_required_attribute = False

    slug = forms.SlugField(
        label=_("Code"),
        required=False,
        max_length=100,
        help_text=_("Wordt gemaakt uit de vraag als u niets invult. Later niet te wijzigen."),
        widget=forms.TextInput(attrs={"class": TEXTBOX}),
    )
    vraag = _text(_("Vraag"), required=True, max_length=255)
    samenvatting = _area(
        _("Kort antwoord"), rows=2, help_text=_("Eén of twee zinnen, hoogstens 500 tekens.")
    )
    antwoord = _area(
        _("Antwoord (web)"),
        required=True,
        rows=10,
        help_text=_(
            "Opmaak met de knoppen boven het tekstvak: kopjes, vet, cursief, lijsten, links en "
            "tabellen. Al het andere (scripts, stijlen, attributen) wordt bij opslaan verwijderd."
        ),
        **{"data-prose-editor": "antwoord"},
    )
    telefoonscript = _area(
        _("Telefoonscript"), rows=6, help_text=_("Wat de KCC-medewerker zegt; leeg = webantwoord.")
    )
    email = _area(_("E-mailtekst"), rows=6, help_text=_("Voor antwoorden per e-mail."))
    kort = _area(
        _("Kort (sms)"),
        rows=2,
        help_text=_("Hoogstens 160 tekens."),
        **{"maxlength": 160, "data-counter": "160"},
    )
    synoniemen = LinesField(label=_("Synoniemen"), help_text=_("Eén per regel."))
    trefwoorden = LinesField(label=_("Trefwoorden"), help_text=_("Eén per regel."))
    voorbeeldvragen = LinesField(
        label=_("Voorbeeldvragen"), help_text=_("Eén per regel, in de woorden van de inwoner.")
    )
    # The chosen products are chips (a checkbox each, so removing works without JavaScript);
    # new ones are added by typing: a combobox with suggestions, or the name on saving.
    producten = forms.ModelMultipleChoiceField(
        label=_("Producten"),
        required=False,
        queryset=Product.objects.filter(is_actief=True).order_by("upl_naam"),
        widget=forms.CheckboxSelectMultiple,
    )
    product_toevoegen = forms.CharField(
        label=_("Product toevoegen"),
        required=False,
        max_length=255,
        help_text=_(
            "Typ een deel van de naam en kies uit de lijst (pijltjestoetsen en Enter). Zonder "
            "lijst: typ de naam en sla op."
        ),
        widget=forms.TextInput(attrs={"class": TEXTBOX, "autocomplete": "off"}),
    )
    categorie = _text(_("Categorie"), max_length=80)
    eigenaar = forms.ModelChoiceField(
        label=_("Eigenaar (team)"),
        required=False,
        queryset=Team.objects.order_by("name"),
        empty_label=_("— geen team —"),
        widget=forms.Select(attrs={"class": SELECT}),
    )
    organisatie = forms.ModelChoiceField(
        label=_("Regelt u bij (organisatie)"),
        required=False,
        queryset=Organisatie.objects.filter(is_actief=True).order_by("naam"),
        empty_label=_("— de gemeente zelf —"),
        help_text=_(
            "Verplicht bij een verwijsartikel (categorie 'Andere overheden' of alleen producten "
            "van andere overheden): de organisatie waar de inwoner terechtkan."
        ),
        widget=forms.Select(attrs={"class": SELECT}),
    )
    review_datum = forms.DateField(
        label=_("Herzien vóór"),
        required=False,
        widget=forms.DateInput(attrs={"class": TEXTBOX, "type": "date"}, format="%Y-%m-%d"),
    )
    revisie = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, artikel: Kennisartikel | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if artikel is not None:
            del self.fields["slug"]
            if artikel.organisatie_id:
                # Keep an organisation that was switched off selectable (the service refuses it).
                self.fields["organisatie"].queryset = (
                    Organisatie.objects.filter(is_actief=True)
                    | Organisatie.objects.filter(pk=artikel.organisatie_id)
                ).order_by("naam")
            # Keep products that were linked but are no longer active selectable.
            self.fields["producten"].queryset = (
                (Product.objects.filter(is_actief=True) | artikel.producten.all())
                .distinct()
                .order_by("upl_naam")
            )

    def gekozen_producten(self) -> list[Product]:
        """The chips to show: what was submitted (valid ids only) or the article's products."""
        if self.is_bound:
            ids = [v for v in self.data.getlist("producten") if str(v).isdigit()]
            chosen = list(self.fields["producten"].queryset.filter(pk__in=ids))
            extra = getattr(self, "toegevoegd", None)
            if extra is not None and extra not in chosen:
                chosen.append(extra)
            return sorted(chosen, key=lambda p: p.upl_naam)
        return sorted(self.initial.get("producten") or [], key=lambda p: p.upl_naam)

    def clean(self):
        cleaned = super().clean()
        naam = (cleaned.get("product_toevoegen") or "").strip()
        if naam and "producten" in cleaned:
            try:
                product = product_by_naam(naam=naam)
            except DomainError as exc:
                self.add_error("product_toevoegen", exc.message)
            else:
                self.toegevoegd = product
                cleaned["producten"] = [*cleaned["producten"], product]
                cleaned["product_toevoegen"] = ""
        return cleaned

    @classmethod
    def initial_for(cls, artikel: Kennisartikel) -> dict:
        names = [
            f
            for f in cls.base_fields
            if f not in ("slug", "producten", "product_toevoegen", "eigenaar", "organisatie")
        ]
        initial = {name: getattr(artikel, name) for name in names}
        initial["producten"] = list(artikel.producten.all())
        initial["eigenaar"] = artikel.eigenaar
        initial["organisatie"] = artikel.organisatie
        return initial


class RevisieForm(forms.Form):
    revisie = forms.IntegerField(widget=forms.HiddenInput)


class RedactieFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alle")), *ArtikelStatus.choices],
        widget=forms.Select(attrs={"class": SELECT}),
    )
    categorie = forms.ChoiceField(
        label=_("Categorie"),
        required=False,
        choices=[],
        widget=forms.Select(attrs={"class": SELECT}),
    )
    q = _text(_("Zoek op vraag of code"), max_length=200)
    verlopen = forms.BooleanField(
        label=_("Alleen herziening verlopen"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": CHECKBOX}),
    )

    def __init__(self, *args, categorieen: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["categorie"].choices = [("", _("Alle")), *((c, c) for c in categorieen)]


class FeedbackAfhandelForm(forms.Form):
    use_required_attribute = False

    status = forms.ChoiceField(
        label=_("Status"),
        choices=FeedbackStatus.choices,
        widget=forms.Select(attrs={"class": SELECT}),
    )
    reactie = _area(_("Reactie"), rows=2)


class SynoniemForm(forms.Form):
    use_required_attribute = False

    term = _text(_("Woord van de inwoner"), required=True, max_length=100)
    betekenis = _text(_("Betekent"), required=True, max_length=200)


class NieuwsForm(forms.Form):
    use_required_attribute = False

    titel = _text(_("Titel"), required=True, max_length=200)
    inhoud = _area(
        _("Bericht"),
        required=True,
        rows=6,
        help_text=_("Opmaak met de knoppen boven het tekstvak, zoals bij artikelen."),
        **{"data-prose-editor": "inhoud"},
    )
    is_belangrijk = forms.BooleanField(
        label=_("Belangrijk: bovenaan vastzetten tot gelezen"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": CHECKBOX}),
    )
    teams = forms.ModelMultipleChoiceField(
        label=_("Voor teams"),
        required=False,
        queryset=Team.objects.filter(is_actief=True).order_by("name"),
        help_text=_("Geen team gekozen = voor iedereen."),
        widget=forms.SelectMultiple(attrs={"class": SELECT, "size": 6}),
    )
    verloopt_op = forms.DateTimeField(
        label=_("Zichtbaar tot"),
        required=False,
        widget=forms.DateTimeInput(attrs={"class": TEXTBOX, "type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M"],
    )


class WerkinstructieForm(forms.Form):
    use_required_attribute = False

    titel = _text(_("Titel"), required=True, max_length=200)
    inhoud = _area(
        _("Inhoud"),
        required=True,
        rows=10,
        help_text=_(
            "Alleen voor medewerkers. Opmaak met de knoppen boven het tekstvak, zoals bij "
            "artikelen."
        ),
        **{"data-prose-editor": "inhoud"},
    )
    teams = forms.ModelMultipleChoiceField(
        label=_("Voor teams"),
        required=False,
        queryset=Team.objects.order_by("name"),
        help_text=_("Geen team gekozen = voor iedereen."),
        widget=forms.SelectMultiple(attrs={"class": SELECT, "size": 6}),
    )
    artikelen = forms.ModelMultipleChoiceField(
        label=_("Bij artikelen"),
        required=False,
        queryset=Kennisartikel.objects.order_by("vraag"),
        widget=forms.SelectMultiple(attrs={"class": SELECT + " kennis-producten", "size": 8}),
    )
    producten = forms.ModelMultipleChoiceField(
        label=_("Bij producten"),
        required=False,
        queryset=Product.objects.order_by("upl_naam"),
        widget=forms.SelectMultiple(attrs={"class": SELECT + " kennis-producten", "size": 8}),
    )
    is_actief = forms.BooleanField(
        label=_("Actief"),
        required=False,
        initial=True,
        widget=forms.CheckboxInput(attrs={"class": CHECKBOX}),
    )
