"""Validation of responses against docs/api/standards/klantinteracties-0.9.0.yaml with jsonschema.

The OpenAPI 3.0 schemas become JSON Schema 2020-12: `nullable` becomes "or null", a `oneOf` with
a `discriminator` picks the schema its property names (as an OpenAPI validator does; without it a
persoon would match the organisatie schema too). Every object is closed where it is used
(`unevaluatedProperties: false`), so a renamed or unknown field fails as surely as a missing
required one. The error bodies (not in the 0.9.0 file) are checked against vng-api-common's
`Fout` and `ValidatieFout`.
"""

from __future__ import annotations

import copy
import datetime as dt
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jsonschema
import yaml

SPEC_PATH = Path(__file__).resolve().parents[4] / "docs/api/standards/klantinteracties-0.9.0.yaml"
REF_PREFIX = "#/components/schemas/"

# vng-api-common (the VNG APIs' shared error shapes, as Open Klant answers).
FOUT = {
    "type": "object",
    "required": ["code", "title", "status", "detail", "instance"],
    "properties": {
        "type": {"type": "string"},
        "code": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
    },
    "unevaluatedProperties": False,
}
VALIDATIE_FOUT = {
    "type": "object",
    "required": [*FOUT["required"], "invalidParams"],
    "properties": {
        **FOUT["properties"],
        "invalidParams": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["name", "code", "reason"],
                "properties": {
                    "name": {"type": "string"},
                    "code": {"type": "string"},
                    "reason": {"type": "string"},
                },
                "additionalProperties": False,
            },
        },
    },
    "unevaluatedProperties": False,
}


def _closed(schema: Any) -> Any:
    """A schema at a place where a value is used: objects there take no undeclared key."""
    if isinstance(schema, dict) and (
        "$ref" in schema or "allOf" in schema or "anyOf" in schema or "properties" in schema
    ):
        if schema.get("additionalProperties") is not None:
            return schema
        return {"allOf": [schema], "unevaluatedProperties": False}
    return schema


def _convert(node: Any) -> Any:
    if isinstance(node, list):
        return [_convert(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {k: v for k, v in node.items() if k not in ("example", "deprecated", "readOnly")}
    if "discriminator" in node and "oneOf" in node:
        prop = node["discriminator"]["propertyName"]
        mapping = node["discriminator"]["mapping"]
        return {
            "type": "object",
            "required": [prop],
            "properties": {prop: {"enum": list(mapping)}},
            "allOf": [
                {
                    "if": {"properties": {prop: {"const": value}}, "required": [prop]},
                    "then": {"$ref": ref},
                }
                for value, ref in mapping.items()
            ],
        }
    nullable = node.pop("nullable", False)
    converted = {}
    for key, value in node.items():
        if key == "properties":
            converted[key] = {name: _closed(_convert(sub)) for name, sub in value.items()}
        elif key == "items":
            converted[key] = _closed(_convert(value))
        else:
            converted[key] = _convert(value)
    if nullable:
        return {"anyOf": [converted, {"type": "null"}]}
    return converted


@cache
def spec() -> dict:
    with SPEC_PATH.open() as handle:
        return yaml.safe_load(handle)


# The spec's `expand` parameters name nested expansions (partijen `betrokkenen.hadKlantcontact`,
# klantcontacten `hadBetrokkenen.wasPartij`, `hadBetrokkenen.digitaleAdressen`, betrokkenen
# `digitaleAdressen`) whose `_expand` its Betrokkene schema does not describe; they are checked
# against the schema of the resource they expand, as ExpandBetrokkene does for its own.
BETROKKENE_EXPAND = {
    "type": "object",
    "properties": {
        "wasPartij": {"allOf": [{"$ref": REF_PREFIX + "Partij"}], "nullable": True},
        "hadKlantcontact": {"$ref": REF_PREFIX + "Klantcontact"},
        "digitaleAdressen": {"type": "array", "items": {"$ref": REF_PREFIX + "DigitaalAdres"}},
    },
}


@cache
def _components() -> dict:
    schemas = copy.deepcopy(spec()["components"]["schemas"])
    schemas["Betrokkene"]["properties"]["_expand"] = BETROKKENE_EXPAND
    return {"schemas": _convert(schemas)}


def response_schema(path: str, method: str, status: int) -> dict:
    """The JSON Schema of an operation's response body, as the spec gives it."""
    operation = spec()["paths"][path][method]
    response = operation["responses"].get(str(status))
    assert response is not None, f"{method.upper()} {path} documents no {status}"
    return response["content"]["application/json"]["schema"]


FORMATS = jsonschema.FormatChecker()  # uuid, date, email, … (what jsonschema checks itself)


@FORMATS.checks("date-time", raises=ValueError)
def _date_time(value: object) -> bool:
    """RFC 3339: a date, a time and an offset (jsonschema needs an extra package for this)."""
    if not isinstance(value, str):
        return True
    parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    return "T" in value and parsed.tzinfo is not None


@FORMATS.checks("uri", raises=ValueError)
def _uri(value: object) -> bool:
    """An absolute URI: a scheme and, for http(s), a host."""
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    return bool(parts.scheme) and (parts.scheme not in ("http", "https") or bool(parts.netloc))


def validate(instance: Any, schema: dict) -> None:
    """Raise jsonschema.ValidationError (with every error) when `instance` does not conform."""
    root = {**_closed(_convert(schema)), "components": _components()}
    validator = jsonschema.Draft202012Validator(root, format_checker=FORMATS)
    errors = list(validator.iter_errors(instance))
    if errors:
        lines = sorted({_line(leaf) for error in errors for leaf in _leaves(error)})
        raise AssertionError("Not conform the spec:\n" + "\n".join(lines[:30]))


def _leaves(error: jsonschema.ValidationError) -> list[jsonschema.ValidationError]:
    """The innermost errors (under anyOf/oneOf the reasons of each branch), without the
    "unevaluated" errors that a failing branch causes above it."""
    if error.context:
        return [leaf for sub in error.context for leaf in _leaves(sub)]
    return [error]


def _line(error: jsonschema.ValidationError) -> str:
    return f"{'/'.join(map(str, error.absolute_path)) or '<root>'}: {error.message[:300]}"


def validate_response(response, path: str, method: str) -> Any:
    """Check an implemented operation's answer: a documented status (a retried create may
    answer 200 with the same body as 201), and the body of that status's schema."""
    body = response.json()
    status = response.status_code
    documented = {int(code) for code in spec()["paths"][path][method]["responses"]}
    if status == 200 and method == "post":
        status_for_schema = 201
    else:
        assert status in documented, (status, body)
        status_for_schema = status
    validate(body, response_schema(path, method, status_for_schema))
    return body


def validate_error(response, status: int) -> dict:
    assert response.status_code == status, (response.status_code, response.content[:500])
    body = response.json()
    validate(body, VALIDATIE_FOUT if status == 400 else FOUT)
    assert body["status"] == status
    return body


def operations() -> list[tuple[str, str]]:
    return [
        (path, method)
        for path, item in spec()["paths"].items()
        for method in item
        if method in ("get", "post", "put", "patch", "delete")
    ]
