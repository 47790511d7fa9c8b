"""What the country profile shows from other capabilities.

The services each agency offers come with the SME services directory (issue 14): when that app
lands, ``country_services`` returns its services for the country and the profile lists them
(the template already has the section). Best practices come from the knowledge hub.
"""

from __future__ import annotations

from typing import Any


def country_services(*, country_id: int | None) -> list[Any]:
    """The services of the country's agencies (none until the services directory exists)."""
    return []


def country_best_practices(*, user: Any, iso3: str, limit: int = 10) -> list[Any]:
    from smenet.knowledge.selectors import best_practice_list

    return list(best_practice_list(user=user, country=iso3)[:limit])
