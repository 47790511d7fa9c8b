"""What the country profile shows from other capabilities.

The services each agency offers come from the SME services directory (issue 14), through its
selector ``service_links_for_country`` (the published, active services of the country's agencies:
what anyone may see); best practices come from the knowledge hub.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from smenet.registry.types import Viewer


def country_services(*, country_id: int | None, limit: int = 50) -> list[Any]:
    """The public services of the country's agencies (``title``, ``url``, ``agency``), at
    most ``limit``; none for an area that is not a country."""
    if country_id is None:
        return []
    from smenet.services_directory.selectors import service_links_for_country

    return service_links_for_country(country_id=country_id, limit=limit)


def country_best_practices(*, user: Viewer, iso3: str, limit: int = 10) -> list[Any]:
    from smenet.knowledge.selectors import best_practice_list

    return list(best_practice_list(user=user, country=iso3)[:limit])
