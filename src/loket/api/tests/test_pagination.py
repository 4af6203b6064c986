"""The API's pagination counts exactly up to a cap, so a huge list does not count every row."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from loket.api.common import CappedCountPaginator
from loket.core.models import Kanaal


class SmallCap(CappedCountPaginator):
    COUNT_CAP = 3


@pytest.mark.django_db
def test_count_is_exact_below_the_cap_and_stops_at_it(django_assert_num_queries):
    kanalen = Kanaal.objects.order_by("pk")
    total = kanalen.count()
    assert total > 3  # the migrations seed the channels
    assert CappedCountPaginator(kanalen, 2).count == total
    capped = SmallCap(kanalen, 2)
    with django_assert_num_queries(1):
        assert capped.count == 3
    assert capped.num_pages == 2
    assert [k.pk for k in capped.page(1).object_list] == list(
        kanalen.values_list("pk", flat=True)[:2]
    )
    assert SmallCap(list(kanalen), 2).count == 3


@pytest.mark.django_db
def test_a_limited_count_query_has_no_ordering():
    with CaptureQueriesContext(connection) as captured:
        assert SmallCap(Kanaal.objects.order_by("-pk"), 2).count == 3
    sql = captured.captured_queries[0]["sql"].upper()
    assert "LIMIT 3" in sql and "ORDER BY" not in sql
