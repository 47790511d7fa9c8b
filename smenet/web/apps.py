from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "smenet.web"
    verbose_name = _("Website")

    def ready(self) -> None:
        from django.contrib import admin

        admin.site.site_header = _("OIC-SMENET back office")
        admin.site.site_title = _("OIC-SMENET back office")
        admin.site.index_title = _("Administration")
