"""Experts are made through the roster's services, so consent and vetting are as in production."""

from __future__ import annotations

from typing import Any

from smenet.experts import services
from smenet.experts.choices import Listing, Vetting
from smenet.experts.models import Expert


def make_expert(
    *,
    institution: Any = None,
    full_name: str = "Expert",
    subjects: dict[str, int] | None = None,
    languages: list[str] | None = None,
    countries: list[Any] | None = None,
    listing: str | None = Listing.PUBLIC,
    show: tuple[str, ...] = (),
    vetted: bool = True,
    **fields: Any,
) -> Expert:
    fields.setdefault("email", f"{full_name.lower().replace(' ', '.')}@example.org")
    expert = services.expert_create(
        actor=None,
        full_name=full_name,
        institution=institution,
        subjects=subjects if subjects is not None else {"access-to-finance": 3},
        languages=languages or [],
        countries=countries or [],
        **fields,
    )
    if vetted:
        services.expert_vet(actor=None, expert=expert, vetting=Vetting.VETTED)
    if listing:
        services.expert_give_consent(actor=None, expert=expert, listing=listing, show=show)
    return expert
