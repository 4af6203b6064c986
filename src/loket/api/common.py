"""What every API view shares: pagination, the purpose header for reads of personal data, and
telling a token caller from a logged-in medewerker."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import exceptions
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request

from loket.accounts.models import User
from loket.api.authentication import TokenUser
from loket.core.audit import audit_persons_read

DOEL_HEADER = "X-Loket-Doel"

DOEL_PARAMETER = OpenApiParameter(
    name=DOEL_HEADER,
    type=OpenApiTypes.STR,
    location=OpenApiParameter.HEADER,
    required=True,
    description=(
        "Het doel waarvoor de persoonsgegevens worden opgevraagd, bijvoorbeeld "
        "'Klantcontact 2024-0012: vraag over paspoort'. Wordt vastgelegd in het auditlog. "
        "Zonder deze header geldt het standaarddoel van het API-token, als daar een is ingesteld."
    ),
)


def default_purpose_of(request: Request) -> str:
    """The purpose configured on the caller's API token for reads that name none ("" if none)."""
    user = request.user
    return user.token.default_purpose if isinstance(user, TokenUser) else ""


def doel_from_request(request: Request) -> str:
    """The purpose from the X-Loket-Doel header, else the default purpose of the caller's token;
    without either the read is refused (400)."""
    doel = request.headers.get(DOEL_HEADER, "").strip() or default_purpose_of(request)
    if not doel:
        raise exceptions.ValidationError(
            {
                DOEL_HEADER: [
                    f"Geef in de header {DOEL_HEADER} het doel op waarvoor u deze gegevens opvraagt."
                ]
            }
        )
    return doel


def is_token(request: Request) -> bool:
    """Is the caller another system with an API token (not a logged-in medewerker)?"""
    return isinstance(request.user, TokenUser)


def medewerker_of(request: Request) -> User | None:
    """The logged-in medewerker behind a session request; None for a token (another system is no
    medewerker: histories record the system as the actor)."""
    user = request.user
    return user if isinstance(user, User) else None


class CappedCountPaginator(Paginator):
    """Counts exactly up to COUNT_CAP rows and stops there: counting the 50,000 contacts of
    one partij took half of a list request (issue 22). Past the cap, `count` is COUNT_CAP and the
    last page is page COUNT_CAP / pageSize; narrow the list with a filter to go further."""

    COUNT_CAP = 10_000

    @cached_property
    def count(self) -> int:
        object_list = self.object_list
        if isinstance(object_list, QuerySet):
            # Without the ordering: an index-only scan that stops at the cap.
            return object_list.order_by()[: self.COUNT_CAP].count()
        return min(len(object_list), self.COUNT_CAP)


class Pagination(PageNumberPagination):
    django_paginator_class = CappedCountPaginator
    page_size = 50
    page_size_query_param = "pageSize"
    max_page_size = 100


def audit_page(request: Request, rows, *, person, purpose: str, gegevens: str) -> None:
    """Record the persons a list page shows: one audit entry per person (findable by BSN), not
    one entry for the whole list. `person(row)` gives the row's partij or None."""
    audit_persons_read(
        user=request.user,
        persons=(person(row) for row in rows),
        purpose=purpose,
        detail={"gegevens": gegevens, "pad": request.path[:200]},
    )
