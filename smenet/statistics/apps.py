from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatisticsConfig(AppConfig):
    name = "smenet.statistics"
    label = "statistics"
    verbose_name = _("SME statistics")

    def ready(self) -> None:
        from smenet.search.registry import register

        from . import jobs  # noqa: F401  (registers the import job runner)
        from .search import INDICATOR

        register(INDICATOR)
