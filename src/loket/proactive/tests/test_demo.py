import pytest

from loket.demo.services import demo_build
from loket.messaging.models import Bericht
from loket.proactive.models import Regel, Signaal
from loket.proactive.selectors import aanbod_open_for_partij


@pytest.mark.django_db
def test_small_demo_has_the_rules_and_offers_for_the_klantbeeld():
    demo_build(scale="small", seed=7, progress=False)
    codes = set(Regel.objects.values_list("code", flat=True))
    assert {
        "paspoort-verloopt",
        "identiteitskaart-verloopt",
        "rijbewijs-verloopt",
        "verhuizing-binnen-gemeente",
        "geboorte",
        "18-jaar",
    } <= codes
    signaal = Signaal.objects.filter(regel__trigger="document").select_related("partij").first()
    assert signaal is not None
    assert aanbod_open_for_partij(signaal.partij)
    assert Signaal.objects.filter(regel__code="verhuizing-binnen-gemeente").count() >= 3
    # Every offer waits in the outbox once; the mistyped demo address is there to fail.
    assert (
        Bericht.objects.filter(soort="aanbod").count()
        == Signaal.objects.exclude(bericht=None).count()
    )
    assert Bericht.objects.filter(adres="j.jansen@voorbeeld").exists()
