"""Notice tasks that lose the database before sending are queued again; once a message went
out they are not (no notice sent twice); after their attempts they fail."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import OperationalError
from django_tasks import task

from smenet.common import notifications

pytestmark = pytest.mark.django_db

#: How many times the next notices fail, before and after sending.
plan: dict[str, int] = {"before": 0, "after": 0}
runs: list[str] = []


def _read(name: str) -> str:
    runs.append(name)
    if plan["before"]:
        plan["before"] -= 1
        raise OperationalError("server closed the connection unexpectedly")
    return f"{name}@example.org"


@task()
@notifications.retry_unless_sent
def tell(name: str) -> int:
    sent = notifications.send_mail("Notice", "Body", None, [_read(name)])
    if plan["after"]:
        plan["after"] -= 1
        raise OperationalError("server closed the connection unexpectedly")
    return sent


@pytest.fixture(autouse=True)
def reset():
    plan.update(before=0, after=0)
    runs.clear()
    mail.outbox.clear()


def test_lost_before_sending_runs_again_and_sends_once():
    plan["before"] = 2
    tell.enqueue(name="amina")
    assert runs == ["amina"] * 3
    assert [m.to for m in mail.outbox] == [["amina@example.org"]]


def test_lost_after_sending_is_not_run_again():
    plan["after"] = 1
    with pytest.raises(OperationalError):
        tell.call(name="bilal")
    assert runs == ["bilal"]
    assert [m.to for m in mail.outbox] == [["bilal@example.org"]]


def test_gives_up_after_its_attempts():
    plan["before"] = 99
    with pytest.raises(OperationalError):
        tell.call(name="chen", attempt=notifications.MAX_ATTEMPTS - 1)
    assert runs == ["chen"] and not mail.outbox
    runs.clear()
    tell.enqueue(name="dana")  # the first attempt and its three repeats
    assert runs == ["dana"] * notifications.MAX_ATTEMPTS and not mail.outbox
