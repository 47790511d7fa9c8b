"""Background work of the plans app (run by the django-tasks worker)."""

from django_tasks import task

from smenet.common.notifications import retry_unless_sent


@task()
@retry_unless_sent
def send_round_reminders(round_id: int, days_before: int) -> int:
    from .notifications import round_send_reminders

    return len(round_send_reminders(round_id=round_id, days_before=days_before))
