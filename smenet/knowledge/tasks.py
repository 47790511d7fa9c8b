"""Background work of the knowledge hub (run by the django-tasks worker; enqueued after commit)."""

from django_tasks import task

from smenet.common.notifications import retry_unless_sent


@task()
@retry_unless_sent
def send_practice_notification(event: str, object_id: int) -> int:
    from .notifications import best_practice_notify

    return best_practice_notify(event=event, object_id=object_id)
