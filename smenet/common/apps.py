from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def create_cache_table(using: str = "default", **kwargs) -> None:
    """The database cache's table comes with ``migrate``, so that every process finds it."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)


class CommonConfig(AppConfig):
    name = "smenet.common"
    verbose_name = _("Common")

    def ready(self) -> None:
        post_migrate.connect(create_cache_table, sender=self, dispatch_uid="smenet-cache-table")
