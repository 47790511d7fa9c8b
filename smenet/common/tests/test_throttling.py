"""The anonymous API rate limit counted per process and shared through the cache
(smenet.common.throttling): exact in one process, shared across processes within
SYNC_SECONDS, without a write per request."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from smenet.common import throttling
from smenet.common.throttling import WindowCounts

pytestmark = pytest.mark.django_db

NOW = 1_800_000_030.0  # 30 s into a minute window


def test_one_process_is_exact_and_says_when_the_window_ends():
    counts = WindowCounts("a")
    answers = [counts.allow("k", 3, 60, NOW) for _ in range(4)]
    assert [allowed for allowed, _wait in answers] == [True, True, True, False]
    assert answers[-1][1] == pytest.approx(30.0)
    # The next window starts from nothing.
    assert counts.allow("k", 3, 60, NOW + 30)[0] is True
    # Another client has its own count.
    assert counts.allow("other", 3, 60, NOW)[0] is True


def test_processes_see_each_others_counts(monkeypatch):
    monkeypatch.setattr(throttling, "SYNC_SECONDS", 0.0)  # every request reads the shared count
    first, second = WindowCounts("first"), WindowCounts("second")
    assert first.allow("k", 3, 60, NOW)[0] and first.allow("k", 3, 60, NOW)[0]
    assert second.allow("k", 3, 60, NOW)[0] is True
    assert second.allow("k", 3, 60, NOW)[0] is False
    assert first.allow("k", 3, 60, NOW)[0] is False
    assert cache.get("k:w30000000") == {"first": 2, "second": 1}


def test_a_burst_within_the_sync_interval_costs_one_read_and_one_write(monkeypatch):
    monkeypatch.setattr(throttling, "SYNC_SECONDS", 3600.0)
    counts = WindowCounts("a")
    with CaptureQueriesContext(connection) as one:
        counts.allow("k", 1000, 60, NOW)
    with CaptureQueriesContext(connection) as many:
        for _ in range(200):
            counts.allow("k", 1000, 60, NOW)
    assert len(one) >= 2 and len(many) == 0
    # The next read (interval over) writes the 200 counted meanwhile.
    monkeypatch.setattr(throttling, "SYNC_SECONDS", 0.0)
    counts.allow("k", 1000, 60, NOW)
    assert cache.get("k:w30000000") == {"a": 202}


def test_a_count_overwritten_by_another_process_is_restored_at_its_next_sync(monkeypatch):
    monkeypatch.setattr(throttling, "SYNC_SECONDS", 0.0)
    counts = WindowCounts("a")
    for _ in range(3):
        counts.allow("k", 10, 60, NOW)
    cache.set("k:w30000000", {"b": 1}, 61)  # b read the entry before a wrote, then wrote
    counts.allow("k", 10, 60, NOW)
    assert cache.get("k:w30000000") == {"a": 4, "b": 1}
    assert WindowCounts("c").allow("k", 6, 60, NOW)[0] is True  # 5 counted elsewhere
    assert WindowCounts("d").allow("k", 6, 60, NOW)[0] is False


def test_a_process_restarted_within_the_window_keeps_its_count_from_the_cache(monkeypatch):
    monkeypatch.setattr(throttling, "SYNC_SECONDS", 0.0)
    before = WindowCounts("same-token")
    assert all(before.allow("k", 2, 60, NOW)[0] for _ in range(2))
    after = WindowCounts("same-token")
    assert after.allow("k", 2, 60, NOW)[0] is False
