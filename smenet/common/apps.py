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
        from django.db.models.signals import m2m_changed, post_delete, post_save
        from django_tasks.signals import task_finished

        from . import pagecache

        post_migrate.connect(create_cache_table, sender=self, dispatch_uid="smenet-cache-table")
        # Any committed write, any finished task (search indexing): cached pages are stale.
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(pagecache.content_changed, dispatch_uid=f"pagecache-{id(signal)}")
        task_finished.connect(pagecache.task_finished, dispatch_uid="pagecache-task")
