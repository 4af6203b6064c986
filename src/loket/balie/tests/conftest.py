# The world the face tests book in (products, formulas, residents) is selfservice's.
from loket.selfservice.tests.conftest import wereld  # noqa: F401
