from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "smenet.knowledge"
    verbose_name = _("Knowledge hub")

    def ready(self) -> None:
        from smenet.search.registry import register

        from .search import BEST_PRACTICE, PUBLICATION

        register(BEST_PRACTICE)
        register(PUBLICATION)
