"""Forms of the back-office pages. They only parse input; the rules live in contacts.services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from loket.accounts.models import Team, User
from loket.contacts.selectors import contactverzoek_assignable, contactverzoek_teams
from loket.core.models import Kanaal
from loket.core.widgets import SELECT, TEXTAREA


class ForwardForm(forms.Form):
    team = forms.ModelChoiceField(
        label=_("Naar team"),
        queryset=Team.objects.none(),
        empty_label=_("— kies een team —"),
        widget=forms.Select(attrs={"class": SELECT}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only active teams are offered; a bound form accepts any team so that the service
        # refuses an inactive one with a Dutch message at the field.
        self.fields["team"].queryset = (
            Team.objects.order_by("name") if self.is_bound else contactverzoek_teams()
        )


class AssignForm(forms.Form):
    """A teamleider gives the verzoek to a member of its team."""

    medewerker = forms.ModelChoiceField(
        label=_("Toewijzen aan"),
        queryset=User.objects.none(),
        empty_label=_("— kies een medewerker —"),
        widget=forms.Select(attrs={"class": SELECT}),
    )

    def __init__(self, *args, verzoek, **kwargs):
        super().__init__(*args, **kwargs)
        # Bound: any active user, so the service names the field when the choice is not allowed.
        self.fields["medewerker"].queryset = (
            User.objects.filter(is_active=True)
            if self.is_bound
            else contactverzoek_assignable(verzoek=verzoek)
        )


class AttemptForm(forms.Form):
    bereikt = forms.TypedChoiceField(
        label=_("Klant bereikt?"),
        choices=[("ja", _("Ja")), ("nee", _("Nee"))],
        coerce=lambda value: value == "ja",
        widget=forms.RadioSelect(attrs={"class": "utrecht-radio-button"}),
    )
    kanaal = forms.ModelChoiceField(
        label=_("Kanaal"),
        queryset=Kanaal.objects.filter(is_actief=True).order_by("volgorde", "naam"),
        to_field_name="code",
        empty_label=None,
        initial="telefoon",
        widget=forms.Select(attrs={"class": SELECT}),
    )
    toelichting = forms.CharField(
        label=_("Toelichting"),
        help_text=_("Wat is er besproken, of waarom lukte het niet?"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"class": TEXTAREA, "rows": 3, "maxlength": 2000}),
    )


class CloseForm(forms.Form):
    resultaat = forms.CharField(
        label=_("Resultaat"),
        help_text=_("Komt als klantcontact in het klantbeeld."),
        max_length=4000,
        widget=forms.Textarea(attrs={"class": TEXTAREA, "rows": 3, "maxlength": 4000}),
    )
