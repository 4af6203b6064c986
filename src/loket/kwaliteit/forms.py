"""The rubric form: one choice per active criterion of the review's rubric (the rubric is data,
so a new criterion appears here) and the feedback for the agent."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from loket.core.widgets import RADIO, TEXTAREA
from loket.kwaliteit.constants import Oordeel
from loket.kwaliteit.models import Criterium

NVT = "nvt"
KEUZES = [(str(value), label) for value, label in Oordeel.choices] + [(NVT, _("N.v.t."))]


def _veld(criterium: Criterium) -> str:
    return f"criterium_{criterium.pk}"


class BeoordelingForm(forms.Form):
    use_required_attribute = False

    feedback = forms.CharField(
        label=_("Feedback voor de medewerker"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"class": TEXTAREA, "rows": 5}),
        help_text=_("Wat ging goed, wat kan beter; de medewerker leest dit op 'Mijn kwaliteit'."),
    )

    def __init__(
        self, *args, criteria: list[Criterium], huidige: dict[int, int | None], **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        velden = {}
        for criterium in criteria:
            waarde = huidige.get(criterium.pk, "")
            velden[_veld(criterium)] = forms.ChoiceField(
                label=criterium.vraag,
                choices=KEUZES,
                initial=NVT if criterium.pk in huidige and waarde is None else waarde,
                widget=forms.RadioSelect(attrs={"class": RADIO}),
                error_messages={"required": _("Kies een oordeel (of n.v.t.).")},
            )
        # The criteria first, the feedback last.
        feedback = self.fields.pop("feedback")
        self.fields.update(velden)
        self.fields["feedback"] = feedback

    def criterium_velden(self) -> list:
        return [self[_veld(c)] for c in self.criteria]

    def oordelen(self) -> dict[Criterium, int | None]:
        uitkomst: dict[Criterium, int | None] = {}
        for criterium in self.criteria:
            waarde = self.cleaned_data[_veld(criterium)]
            uitkomst[criterium] = None if waarde == NVT else int(waarde)
        return uitkomst
