"""What every view of the Klantinteracties API shares: the error shape, pagination as the spec
pages (`page`, `pageSize` up to 500, default 100), the purpose of a read, query parameters."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any
from uuid import UUID

from rest_framework import exceptions
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from loket.accounts.permissions import REGISTER_CONTACT, VIEW_PERSON_DATA
from loket.api.common import (
    DOEL_HEADER,
    CappedCountPaginator,
    Pagination,
    audit_page,
    default_purpose_of,
)
from loket.klantinteracties.errors import exception_handler, invalid
from loket.klantinteracties.representations import Links
from loket.klantinteracties.uuids import parse_uuid, uuid_from_url

PAGING_PARAMS = {"page", "pageSize"}


class KlantinteractiesPagination(Pagination):
    django_paginator_class = CappedCountPaginator
    page_size = 100
    page_size_query_param = "pageSize"
    max_page_size = 500
    invalid_page_message = "Ongeldige pagina."


class KlantinteractiesView(GenericAPIView):
    """A view of the Klantinteracties API: not in Loket's own OpenAPI schema (this API's is the
    VNG file in docs/api/standards/), its errors as Fout/ValidatieFout."""

    schema = None
    filter_backends: list = []
    pagination_class = KlantinteractiesPagination
    # The query parameters this view understands besides page and pageSize; any other is a 400,
    # so a filter Loket does not offer is never silently ignored.
    query_params: frozenset[str] = frozenset()

    def get_exception_handler(self) -> Callable:
        return exception_handler

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        self.links = Links(request)

    # --- parsing -----------------------------------------------------------------------------

    def check_query_params(self, request: Request) -> None:
        allowed = self.query_params | PAGING_PARAMS
        unknown = sorted(set(request.query_params) - allowed)
        if unknown:
            raise exceptions.ValidationError(
                {
                    name: [
                        exceptions.ErrorDetail(
                            f"De zoekparameter '{name}' wordt door Loket niet ondersteund.",
                            code="unknown_parameters",
                        )
                    ]
                    for name in unknown
                }
            )

    def param(self, request: Request, name: str) -> str:
        return request.query_params.get(name, "").strip()

    def uuid_param(self, request: Request, name: str, *, url: bool = False) -> UUID | None:
        value = self.param(request, name)
        if not value:
            return None
        parsed = uuid_from_url(value) if url else parse_uuid(value)
        if parsed is None:
            what = "URL van een resource" if url else "UUID"
            raise invalid(name, f"'{value[:100]}' is geen geldige {what}.")
        return parsed

    def ref_param(self, request: Request, name: str) -> UUID | None:
        """`<name>__uuid` or `<name>__url`: the UUID they name (both must agree)."""
        by_uuid = self.uuid_param(request, f"{name}__uuid")
        by_url = self.uuid_param(request, f"{name}__url", url=True)
        if by_uuid and by_url and by_uuid != by_url:
            raise invalid(f"{name}__url", "De URL en de UUID noemen verschillende resources.")
        return by_uuid or by_url

    def bool_param(self, request: Request, name: str) -> bool | None:
        value = self.param(request, name).lower()
        if not value:
            return None
        if value in ("true", "1"):
            return True
        if value in ("false", "0"):
            return False
        raise invalid(name, f"'{value[:20]}' is geen geldige waarde: gebruik true of false.")

    def choice_param(self, request: Request, name: str, choices: Iterable[str]) -> str:
        value = self.param(request, name)
        choices = list(choices)
        if value and value not in choices:
            raise invalid(
                name,
                f"'{value[:50]}' is geen geldige keuze; kies uit: {', '.join(choices)}.",
                code="invalid_choice",
            )
        return value

    def expand_param(self, request: Request, choices: Iterable[str]) -> set[str]:
        raw = self.param(request, "expand")
        values = {part.strip() for part in raw.split(",") if part.strip()}
        unknown = sorted(values - set(choices))
        if unknown:
            raise invalid(
                "expand",
                f"Loket kan niet insluiten: {', '.join(unknown)}. Mogelijk: "
                f"{', '.join(sorted(choices))}.",
                code="invalid_choice",
            )
        return values

    def path_uuid(self, value: str) -> UUID:
        parsed = parse_uuid(value)
        if parsed is None:
            raise exceptions.NotFound("Niet gevonden.")
        return parsed

    # --- purpose and audit -------------------------------------------------------------------

    def purpose(self, request: Request) -> str:
        """X-Loket-Doel, else the caller's token's default purpose; else 400."""
        doel = request.headers.get(DOEL_HEADER, "").strip() or default_purpose_of(request)
        if not doel:
            raise invalid(
                DOEL_HEADER,
                f"Geef in de header {DOEL_HEADER} het doel op waarvoor u deze gegevens opvraagt, "
                "of stel een standaarddoel in bij het API-token.",
                code="required",
            )
        return doel

    def paged(
        self,
        request: Request,
        rows: Any,
        render: Callable[[Any], dict],
        *,
        person: Callable[[Any], Any] | None = None,
        purpose: str = "",
        gegevens: str = "",
    ) -> Response:
        """One page of `rows` in the spec's envelope; with `person` every person shown is
        recorded in the audit log with the purpose (one entry per person)."""
        page = self.paginate_queryset(rows)
        assert page is not None
        if person is not None:
            audit_page(request, page, person=person, purpose=purpose, gegevens=gegevens)
        return self.get_paginated_response([render(row) for row in page])


class NotOfferedView(KlantinteractiesView):
    """A resource of the spec that Loket does not offer: every method answers 405 (after
    authentication). Listed in docs/api/klantinteracties-afwijkingen.md."""

    scope = "klantcontacten"  # per resource in urls.NOT_OFFERED
    session_permissions = {"lezen": [VIEW_PERSON_DATA], "schrijven": [REGISTER_CONTACT]}
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]

    def _refuse(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        raise exceptions.MethodNotAllowed(request.method or "")

    get = post = put = patch = delete = _refuse
