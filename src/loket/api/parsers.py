"""JSON that cannot hurt: nesting is bounded (a body of 100,000 brackets gave a RecursionError,
a 500), and a refusal is a Dutch 400."""

from __future__ import annotations

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

MAX_DEPTH = 32


def _depth(value) -> int:
    """The nesting depth of a parsed JSON value, without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            deepest = max(deepest, level)
            stack.extend((child, level + 1) for child in item.values())
        elif isinstance(item, list):
            deepest = max(deepest, level)
            stack.extend((child, level + 1) for child in item)
    return deepest


class SafeJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(
                f"De JSON is te diep genest (hoogstens {MAX_DEPTH} niveaus)."
            ) from None
        if _depth(data) > MAX_DEPTH:
            raise ParseError(f"De JSON is te diep genest (hoogstens {MAX_DEPTH} niveaus).")
        return data
