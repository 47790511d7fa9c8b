from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "smenet.plans"
    verbose_name = _("Action plan")

    def ready(self) -> None:
        from . import jobs  # noqa: F401  (registers the import and report job runners)
