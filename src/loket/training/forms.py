"""Forms of the training pages. The registration reuses the real workspace's forms (kcc.forms):
the same fields and choices, so a trainee learns the form they will use."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from loket.core.models import Kanaal
from loket.core.widgets import RADIO, SELECT, TEXTAREA, TEXTBOX
from loket.training.selectors import aanbod_producten

TEKST_MAX = 1000


class ActieForm(forms.Form):
    """What the trainee says and does in the conversation; the button pressed is the `soort`."""

    tekst = forms.CharField(
        label=_("Wat zegt u tegen de klant?"),
        help_text=_(
            "Bij ‘Vraag stellen’ verplicht. Een antwoord mag u in eigen woorden geven; laat u "
            "het leeg, dan gebruikt u de tekst uit de kennisbank. Bij een advies of aanbod mag "
            "u het leeg laten: dan gebruikt u een standaardzin."
        ),
        max_length=TEKST_MAX,
        required=False,
        widget=forms.Textarea(attrs={"class": TEXTAREA, "rows": 2, "maxlength": TEKST_MAX}),
    )
    kanaal = forms.ModelChoiceField(
        label=_("Kanaal adviseren"),
        queryset=Kanaal.objects.filter(is_actief=True).order_by("volgorde", "naam"),
        to_field_name="code",
        required=False,
        empty_label=_("— kies een kanaal —"),
        widget=forms.Select(attrs={"class": SELECT}),
    )
    product = forms.ModelChoiceField(
        label=_("Proactief aanbieden"),
        queryset=aanbod_producten(),
        required=False,
        empty_label=_("— kies een product —"),
        widget=forms.Select(attrs={"class": SELECT}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "actie")
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = aanbod_producten()


class ToetsForm(forms.Form):
    """One field per question of a kennistoets: radio buttons or a short text."""

    def __init__(self, *args, vragen, **kwargs):
        super().__init__(*args, **kwargs)
        self.vragen = vragen
        for vraag in vragen:
            name = f"vraag_{vraag.volgnummer}"
            if vraag.opties:
                self.fields[name] = forms.ChoiceField(
                    label=vraag.vraag,
                    choices=[(str(i), optie) for i, optie in enumerate(vraag.opties)],
                    widget=forms.RadioSelect(attrs={"class": RADIO}),
                    required=False,
                )
            else:
                self.fields[name] = forms.CharField(
                    label=vraag.vraag,
                    max_length=200,
                    required=False,
                    widget=forms.TextInput(
                        attrs={
                            "class": TEXTBOX,
                            "autocomplete": "off",
                        }
                    ),
                )

    def antwoorden(self) -> dict[int, str]:
        return {
            v.volgnummer: self.cleaned_data.get(f"vraag_{v.volgnummer}") or "" for v in self.vragen
        }

    def regels(self):
        return [(vraag, self[f"vraag_{vraag.volgnummer}"]) for vraag in self.vragen]
