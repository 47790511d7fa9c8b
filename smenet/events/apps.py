from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "smenet.events"
    verbose_name = _("Meetings and events")

    def ready(self) -> None:
        from smenet.search.registry import register

        from .search import EVENT

        register(EVENT)
