"""Reference data from data migrations survives a database flush."""

import pytest
from django.core.management import call_command


@pytest.mark.django_db(transaction=True)
def test_a_flush_keeps_channels_categories_and_norms():
    from loket.core.models import Kanaal
    from loket.insights.models import Norm
    from loket.meldingen.models import MeldCategorie

    call_command("flush", interactive=False, verbosity=0)

    assert set(Kanaal.objects.values_list("code", flat=True)) >= {"telefoon", "balie", "website"}
    assert MeldCategorie.objects.filter(hoofdcategorie="Groen").exists()
    assert Norm.objects.exists()
