"""Deterministic demo identifiers that pass the Dutch check rules and look like test data."""

from collections.abc import Iterator

BSN_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2)


def elfproef_check_digit(prefix: str) -> int | None:
    """The ninth digit that makes `prefix` (8 digits) pass the 11-proef, or None if none does."""
    total = sum(int(d) * w for d, w in zip(prefix, BSN_WEIGHTS, strict=True))
    digit = total % 11
    return digit if digit <= 9 else None


def demo_bsns() -> Iterator[str]:
    """BSNs from the RvIG test range: numbers starting 9999 that pass the 11-proef.

    That range holds only 9,091 valid numbers; larger demos continue in 9998…, 9997… and so on
    (still far from issued numbers and obviously test data).
    """
    for head in range(9999, 9899, -1):
        for tail in range(10_000):
            prefix = f"{head:04d}{tail:04d}"
            digit = elfproef_check_digit(prefix)
            if digit is not None:
                yield prefix + str(digit)


def demo_rsins() -> Iterator[str]:
    """RSINs (same 11-proef as the BSN) in a range starting 8999."""
    for head in range(8999, 8899, -1):
        for tail in range(10_000):
            prefix = f"{head:04d}{tail:04d}"
            digit = elfproef_check_digit(prefix)
            if digit is not None:
                yield prefix + str(digit)
