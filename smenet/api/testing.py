"""Helpers for tests of the API (imported by the apps' test modules)."""

from __future__ import annotations

from typing import Any


def problem(response: Any) -> dict[str, Any]:
    """The problem+json body of an error response (fails if the response is not one)."""
    assert response["Content-Type"].startswith("application/problem+json"), response.content
    return response.json()
