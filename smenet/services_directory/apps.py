from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesDirectoryConfig(AppConfig):
    name = "smenet.services_directory"
    verbose_name = _("SME services directory")

    def ready(self) -> None:
        from smenet.search.registry import register

        from .search import SERVICE

        register(SERVICE)
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from . import (
            cards,
            jobs,  # noqa: F401  (registers the import job's runner)
        )

        # A write in this process: its rendered cards may be stale (cards.py).
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(cards.forget_all, dispatch_uid=f"service-cards-{id(signal)}")
