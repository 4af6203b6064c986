from django import forms
from django.utils.translation import gettext_lazy as _

from loket.core.errors import DomainError
from loket.parties.validators import validate_bsn


class InzageForm(forms.Form):
    bsn = forms.CharField(
        label=_("BSN"),
        max_length=12,
        help_text=_("Het burgerservicenummer van de persoon die om inzage vraagt."),
    )

    def clean_bsn(self) -> str:
        try:
            return validate_bsn(self.cleaned_data["bsn"])
        except DomainError as exc:
            raise forms.ValidationError(exc.message) from None
