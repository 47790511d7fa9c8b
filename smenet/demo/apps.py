from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo data loader: the top floor, it writes through every app's services."""

    name = "smenet.demo"
    verbose_name = _("Demo data")
