"""Forms of the insight pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from loket.core.widgets import FILE


class BenchmarkImportForm(forms.Form):
    """Another municipality's benchmark export (the JSON file) to compare with."""

    use_required_attribute = False

    bestand = forms.FileField(
        label=_("Benchmarkexport van een andere gemeente (JSON)"),
        help_text=_("Het JSON-bestand uit Loket of een ander systeem in hetzelfde formaat."),
        error_messages={"required": _("Kies het JSON-bestand om in te lezen.")},
        widget=forms.ClearableFileInput(attrs={"class": FILE, "accept": ".json,application/json"}),
    )
