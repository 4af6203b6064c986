import pytest

from loket.accounts.models import Team, User
from loket.catalogue.models import Product
from loket.core.errors import DomainError
from loket.core.models import Kanaal
from loket.demo.services import demo_build
from loket.registries.models import BrpPersoon


@pytest.mark.django_db
def test_a_failing_build_leaves_the_database_as_it_was():
    Kanaal.objects.filter(code="balie").delete()  # the build needs it, after much else is written
    users_before = User.objects.count()
    with pytest.raises(DomainError, match="Kanalen ontbreken: balie"):
        demo_build(scale="small", seed=1, progress=False)
    assert Product.objects.count() == 0
    assert Team.objects.count() == 0
    assert User.objects.count() == users_before
    assert BrpPersoon.objects.count() == 0
