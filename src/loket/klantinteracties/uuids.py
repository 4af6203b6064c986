"""Stable UUIDs for the Klantinteracties resources that Loket does not store as rows of their own.

A partij-identificator (BSN, KVK-nummer, vestigingsnummer, RSIN), an onderwerpobject (a vraag
about a product) and an actor (a medewerker or a team) are derived from a Loket row. Their UUID
is a version-8 UUID (RFC 9562: "custom") that holds the kind and the row's primary key:

    4c6f6b65-KKKK-8000-8000-PPPPPPPPPPPP      ("Loke", kind KKKK, primary key P in hex)

so it never changes, needs no extra column, and is read back without a table scan. A betrokkene
is Loket's klantcontact with its partij: it reuses the klantcontact's own UUID (one betrokkene per
klantcontact in Loket), see docs/api/klantinteracties-afwijkingen.md.
"""

from __future__ import annotations

import enum
from uuid import UUID

PREFIX = "4c6f6b65"
MAX_PK = 16**12 - 1


class Kind(enum.IntEnum):
    BSN = 1
    KVK_NUMMER = 2
    VESTIGINGSNUMMER = 3
    RSIN = 4
    ONDERWERPOBJECT = 5
    MEDEWERKER = 6
    TEAM = 7


def derived_uuid(kind: Kind, pk: int) -> UUID:
    if not 0 < pk <= MAX_PK:
        raise ValueError(f"primary key out of range: {pk}")
    return UUID(f"{PREFIX}-{int(kind):04x}-8000-8000-{pk:012x}")


def parse_uuid(value: object) -> UUID | None:
    """The UUID in `value`, or None for anything else."""
    try:
        return UUID(str(value).strip())
    except (ValueError, AttributeError):
        return None


def decode(value: object) -> tuple[Kind, int] | None:
    """(kind, pk) of a derived UUID, or None when `value` is not one."""
    parsed = parse_uuid(value)
    if parsed is None:
        return None
    text = str(parsed)
    head, kind, v, variant, pk = text.split("-")
    if head != PREFIX or v != "8000" or variant != "8000":
        return None
    try:
        return Kind(int(kind, 16)), int(pk, 16)
    except ValueError:
        return None


def pk_of(value: object, *kinds: Kind) -> tuple[Kind, int] | None:
    """(kind, pk) when `value` is a derived UUID of one of `kinds`, else None."""
    decoded = decode(value)
    if decoded is None or decoded[0] not in kinds or decoded[1] == 0:
        return None
    return decoded


def uuid_from_url(value: str) -> UUID | None:
    """The UUID at the end of a resource URL ("…/partijen/<uuid>"), or of a bare UUID."""
    return parse_uuid(str(value).rstrip("/").rsplit("/", 1)[-1])
