from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "smenet.news"
    verbose_name = _("News")

    def ready(self) -> None:
        from smenet.search.registry import register

        from .search import NEWS

        register(NEWS)
