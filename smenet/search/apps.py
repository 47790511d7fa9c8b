from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "smenet.search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from .registry import register
        from .types import INSTITUTION

        register(INSTITUTION)
