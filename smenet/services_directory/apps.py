from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesDirectoryConfig(AppConfig):
    name = "smenet.services_directory"
    verbose_name = _("SME services directory")

    def ready(self) -> None:
        from smenet.search.registry import register

        from .search import SERVICE

        register(SERVICE)
        from . import jobs  # noqa: F401  (registers the import job's runner)
