"""Forms of the zaak and melding pages. They only parse input; the rules live in cases.services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from loket.accounts.models import User
from loket.cases.models import Resultaattype
from loket.contacts.vertrouwelijk import vertrouwelijk_team_choices
from loket.core.widgets import FILE, SELECT, TEXTAREA, TEXTBOX
from loket.meldingen.forms import MeldingForm  # noqa: F401 - the same form for staff intake
from loket.meldingen.models import MeldingStatus
from loket.meldingen.selectors import melding_categories
from loket.meldingen.services import MELDING_TRANSITIONS


def _textarea(rows=3, maxlength=4000):
    return forms.Textarea(attrs={"class": TEXTAREA, "rows": rows, "maxlength": maxlength})


class StatusForm(forms.Form):
    statustype = forms.ModelChoiceField(
        label=_("Nieuwe status"),
        queryset=None,
        empty_label=_("— kies een status —"),
        widget=forms.Select(attrs={"class": SELECT}),
    )
    toelichting = forms.CharField(
        label=_("Toelichting"), required=False, max_length=4000, widget=_textarea()
    )

    def __init__(self, *args, zaak, allowed=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Bound: every statustype of the zaaktype, so the service names an illegal transition.
        qs = zaak.zaaktype.statustypen.order_by("volgnummer")
        if not self.is_bound and allowed is not None:
            qs = qs.filter(pk__in=[st.pk for st in allowed])
        self.fields["statustype"].queryset = qs


class ReasonForm(forms.Form):
    reden = forms.CharField(
        label=_("Reden"),
        max_length=255,
        widget=forms.TextInput(attrs={"class": TEXTBOX, "maxlength": 255}),
    )


class ExtendForm(ReasonForm):
    werkdagen = forms.IntegerField(
        label=_("Aantal werkdagen"),
        min_value=1,
        max_value=365,
        widget=forms.NumberInput(attrs={"class": TEXTBOX, "min": 1}),
    )


class NoteForm(forms.Form):
    tekst = forms.CharField(label=_("Notitie"), max_length=4000, widget=_textarea())
    vertrouwelijk_team = forms.ModelChoiceField(
        label=_("Vertrouwelijk: alleen leesbaar voor team"),
        queryset=vertrouwelijk_team_choices(),
        to_field_name="slug",
        required=False,
        empty_label=_("— niet vertrouwelijk —"),
        help_text=_(
            "Sociaal domein, huiselijk geweld, schulden: anderen zien dat er een notitie is en "
            "wie ze het kunnen vragen."
        ),
        widget=forms.Select(attrs={"class": SELECT}),
    )


class DocumentForm(forms.Form):
    titel = forms.CharField(
        label=_("Titel"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"class": TEXTBOX}),
    )
    bestand = forms.FileField(
        label=_("Bestand"),
        help_text=_("PDF, JPG, PNG, DOCX, XLSX, ODT of TXT; hoogstens 10 MB."),
        widget=forms.ClearableFileInput(attrs={"class": FILE}),
    )


class ResultForm(forms.Form):
    resultaattype = forms.ModelChoiceField(
        label=_("Resultaat"),
        queryset=None,
        empty_label=_("— kies een resultaat —"),
        widget=forms.Select(attrs={"class": SELECT}),
    )
    toelichting = forms.CharField(
        label=_("Toelichting"), required=False, max_length=4000, widget=_textarea()
    )

    def __init__(self, *args, zaak, **kwargs):
        super().__init__(*args, **kwargs)

        self.fields["resultaattype"].queryset = (
            Resultaattype.objects.all()
            if self.is_bound
            else zaak.zaaktype.resultaattypen.order_by("omschrijving")
        )


class AssignZaakForm(forms.Form):
    behandelaar = forms.ModelChoiceField(
        label=_("Toewijzen aan"),
        queryset=User.objects.none(),
        empty_label=_("— kies een behandelaar —"),
        widget=forms.Select(attrs={"class": SELECT}),
    )

    def __init__(self, *args, zaak, **kwargs):
        super().__init__(*args, **kwargs)
        qs = User.objects.filter(is_active=True)
        if not self.is_bound and zaak.team_id:
            qs = qs.filter(teams=zaak.team_id)
        self.fields["behandelaar"].queryset = qs.order_by("first_name", "last_name")


# --- meldingen --------------------------------------------------------------------------------


class CategoriseForm(forms.Form):
    categorie = forms.ModelChoiceField(
        label=_("Categorie"),
        queryset=None,
        empty_label=_("— kies een categorie —"),
        widget=forms.Select(attrs={"class": SELECT}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)

        self.fields["categorie"].queryset = melding_categories()


class MeldingStatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Nieuwe status"), widget=forms.Select(attrs={"class": SELECT})
    )
    toelichting = forms.CharField(
        label=_("Toelichting voor de melder"),
        help_text=_("Alleen voor de melder (in het bericht); niet openbaar."),
        required=False,
        max_length=4000,
        widget=_textarea(),
    )
    openbare_toelichting = forms.CharField(
        label=_("Openbare toelichting (optioneel)"),
        help_text=_(
            "Verschijnt in de openbare meldingenlijst. Schrijf hier geen namen, telefoonnummers, "
            "e-mailadressen of adressen: Loket laat ze weg."
        ),
        required=False,
        max_length=1000,
        widget=_textarea(),
    )

    def __init__(self, *args, melding, **kwargs):
        super().__init__(*args, **kwargs)

        allowed = MELDING_TRANSITIONS[melding.status]
        self.fields["status"].choices = [
            (value, label)
            for value, label in MeldingStatus.choices
            if value in allowed or self.is_bound
        ]
