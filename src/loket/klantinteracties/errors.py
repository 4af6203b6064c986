"""Errors in the shape of the VNG API's (vng-api-common, as Open Klant answers them): `Fout`, and
`ValidatieFout` with `invalidParams` for a 400. The Klantinteracties 0.9.0 specification lists no
error responses; these schemas are the ones every VNG API shares (docs/api/klantinteracties-
afwijkingen.md). Messages are in Dutch and name the field."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from loket.core.errors import DomainError

TITLES = {
    400: "Ongeldige invoer.",
    401: "Niet geauthenticeerd.",
    403: "Geen toestemming.",
    404: "Niet gevonden.",
    405: "Methode niet toegestaan.",
    406: "Niet aanvaardbaar.",
    413: "Verzoek te groot.",
    415: "Niet-ondersteund mediatype.",
    429: "Te veel verzoeken.",
}
CODES = {
    400: "invalid",
    401: "not_authenticated",
    403: "permission_denied",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    413: "request_too_large",
    415: "unsupported_media_type",
    429: "throttled",
}


def _flatten(detail: Any, prefix: str = "") -> Iterator[tuple[str, str, str]]:
    """(name, code, reason) for every message in DRF's nested error detail."""
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = "nonFieldErrors" if key == "non_field_errors" else str(key)
            yield from _flatten(value, f"{prefix}.{name}" if prefix else name)
    elif isinstance(detail, list):
        for index, value in enumerate(detail):
            if isinstance(value, dict | list):
                yield from _flatten(value, f"{prefix}.{index}" if prefix else str(index))
            else:
                yield from _flatten(value, prefix)
    else:
        code = getattr(detail, "code", None) or "invalid"
        yield (prefix or "nonFieldErrors", str(code), str(detail))


def fout(status_code: int, detail: str, *, code: str | None = None) -> dict[str, Any]:
    return {
        "type": f"https://loket.example/fouten/{status_code}",
        "code": code or CODES.get(status_code, "error"),
        "title": TITLES.get(status_code, "Fout."),
        "status": status_code,
        "detail": detail,
        "instance": f"urn:uuid:{uuid.uuid4()}",
    }


def validatie_fout(invalid: list[tuple[str, str, str]]) -> dict[str, Any]:
    body = fout(400, "Een of meer velden of parameters zijn ongeldig.")
    body["invalidParams"] = [
        {"name": name, "code": code, "reason": reason} for name, code, reason in invalid
    ]
    return body


def exception_handler(exc: Exception, context: dict) -> Response | None:
    """Every error of the Klantinteracties API as Fout / ValidatieFout."""
    if isinstance(exc, DomainError):
        exc = exceptions.ValidationError(exc.as_dict())
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound("Niet gevonden.")
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    response = drf_exception_handler(exc, context)
    if response is None or not isinstance(exc, exceptions.APIException):
        return response
    if isinstance(exc, exceptions.ValidationError):
        invalid = list(_flatten(exc.detail)) or [("nonFieldErrors", "invalid", "Ongeldig.")]
        response.data = validatie_fout(invalid)
    else:
        detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        code = getattr(exc.detail, "code", None)
        response.data = fout(response.status_code, str(detail), code=code)
    response.content_type = "application/problem+json"
    if response.status_code == status.HTTP_405_METHOD_NOT_ALLOWED:
        response.data["detail"] = (
            f"De methode {context['request'].method} wordt door Loket niet aangeboden op "
            "deze resource (zie docs/api/klantinteracties-afwijkingen.md)."
        )
    return response


def invalid(name: str, reason: str, code: str = "invalid") -> exceptions.ValidationError:
    """A 400 for one parameter or field."""
    return exceptions.ValidationError({name: [exceptions.ErrorDetail(reason, code=code)]})


@contextmanager
def service_errors(field_map: dict[str, str]) -> Iterator[None]:
    """A service's DomainError as a 400 naming the API's field (`field_map`: service field →
    API field), its PermissionDenied as a 403 with the service's Dutch message."""
    try:
        yield
    except DomainError as exc:
        errors: dict[str, list[str]] = {}
        for field, messages in exc.as_dict().items():
            errors.setdefault(field_map.get(field, field), []).extend(messages)
        raise exceptions.ValidationError(errors) from None
    except DjangoPermissionDenied as exc:
        raise exceptions.PermissionDenied(str(exc) or None) from None
