from typing import Any

from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def drop_orphaned_index(sender: Any, using: str = "default", **kwargs: Any) -> None:
    """After ``migrate`` or ``flush``: with no documents, the back-end table must be empty too.

    ``flush`` (and so every transactional test) empties Django's tables only; the engine's own
    table would keep entries no document row backs, and counts come from that table alone.
    """
    from .backends import backend_for
    from .models import SearchDocument

    connection = connections[using]
    if "search_searchdocument" not in connection.introspection.table_names():
        return
    if not SearchDocument.objects.using(using).exists():
        backend_for(connection).clear(connection)


class SearchConfig(AppConfig):
    name = "smenet.search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from . import acronyms, jobs  # noqa: F401  (jobs: registers the re-indexing runner)
        from .registry import register
        from .types import INSTITUTION

        register(INSTITUTION)
        acronyms.follow()
        post_migrate.connect(drop_orphaned_index, sender=self, dispatch_uid="search-orphans")
