"""The one domain error type. Services raise it with a Dutch message for the user."""

from __future__ import annotations


class DomainError(Exception):
    """A rule of the domain was broken.

    `message` is Dutch and shown to the user as is; `field` names the input it is about (or None);
    `errors` may hold several field errors at once ({"bsn": ["..."], ...}).
    """

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        code: str = "invalid",
        errors: dict[str, list[str]] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code
        self.errors = errors or ({field: [message]} if field else {})

    def as_dict(self) -> dict[str, list[str]]:
        """Field errors in the shape forms and the API use; non-field errors under `algemeen`."""
        return self.errors or {"algemeen": [self.message]}

    @classmethod
    def from_validation_error(cls, exc) -> DomainError:
        """Wrap a django ValidationError (from full_clean) without losing the field names."""
        if hasattr(exc, "message_dict"):
            errors = {field: list(msgs) for field, msgs in exc.message_dict.items()}
            first_field, first_msgs = next(iter(errors.items()))
            return cls(first_msgs[0], field=first_field, errors=errors)
        return cls("; ".join(exc.messages))
