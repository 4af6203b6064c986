"""The audit log's filter form. It only parses input; the search is core.audit.audit_entry_list."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from loket.core.widgets import SELECT, TEXTBOX


class MedewerkerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        full = obj.get_full_name()
        return f"{full} ({obj.get_username()})" if full else obj.get_username()


class AuditFilterForm(forms.Form):
    use_required_attribute = False

    kenmerk = forms.CharField(
        label=_("BSN, naam, KC- of zaaknummer"),
        required=False,
        max_length=200,
        help_text=_(
            "Een BSN, KVK-nummer, naam, KC-nummer of zaaknummer vindt alle keren dat die persoon "
            "is ingezien, ook in lijsten. Een ander kenmerk (een intern nummer) wordt exact "
            "gezocht."
        ),
        widget=forms.TextInput(attrs={"class": TEXTBOX, "type": "search", "autocomplete": "off"}),
    )
    medewerker = MedewerkerChoiceField(
        label=_("Medewerker"),
        required=False,
        queryset=get_user_model().objects.none(),
        empty_label=_("Alle medewerkers"),
        widget=forms.Select(attrs={"class": SELECT}),
    )
    van = forms.DateField(
        label=_("Van"),
        required=False,
        widget=forms.DateInput(attrs={"class": TEXTBOX, "type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Vul bij 'Van' een geldige datum in.")},
    )
    tot = forms.DateField(
        label=_("Tot en met"),
        required=False,
        widget=forms.DateInput(attrs={"class": TEXTBOX, "type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Vul bij 'Tot en met' een geldige datum in.")},
    )
    soort = forms.CharField(required=False, max_length=60, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["medewerker"].queryset = get_user_model().objects.order_by(
            "last_name", "first_name", "username"
        )

    def clean(self):
        cleaned = super().clean()
        van, tot = cleaned.get("van"), cleaned.get("tot")
        if van and tot and van > tot:
            self.add_error("tot", _("'Tot en met' ligt vóór 'Van'. Kies een latere datum."))
        return cleaned
