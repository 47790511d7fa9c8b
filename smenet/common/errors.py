"""Domain errors raised by services; interfaces turn them into 400/403/404/409 responses."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """A rule of the domain refused an operation. ``code`` is stable; ``message`` is translated."""

    code = "invalid"
    status = 400

    def __init__(self, message: Any, *, code: str | None = None, field: str | None = None):
        super().__init__(str(message))
        self.message = message
        if code:
            self.code = code
        self.field = field

    @property
    def errors(self) -> dict[str, list[str]]:
        return {self.field or "non_field_errors": [str(self.message)]}


class ValidationFailed(DomainError):
    """Several field errors at once (from ``full_clean`` or a parser)."""

    def __init__(self, errors: dict[str, list[str]], *, code: str = "invalid"):
        first = next(iter(errors.values()), [""])
        super().__init__(first[0] if first else "", code=code)
        self._errors = errors

    @property
    def errors(self) -> dict[str, list[str]]:
        return self._errors


class PermissionDenied(DomainError):
    code = "permission_denied"
    status = 403


class NotFound(DomainError):
    code = "not_found"
    status = 404


class Conflict(DomainError):
    code = "conflict"
    status = 409
