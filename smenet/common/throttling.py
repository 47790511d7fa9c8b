"""The anonymous API rate limit, counted in the shared cache by every server process, without a
database write per request (decision 0032, addendum of 2026-12-07).

DRF's ``AnonRateThrottle`` reads and rewrites a client's history in the shared cache on every
request. With the database cache that is a write transaction per API request, answers from the
page cache included; on SQLite the writers queue for one lock and the API served from the cache
was capped at about a tenth of a static file's rate.

Here each process counts the requests it allowed per client and fixed window (``rate`` is
``N/period``; the window is the current period). A client's count in the shared cache is one entry
per window, ``{process token: that process's count}``. A process reads and rewrites the entry at
most every ``SYNC_SECONDS`` per client (the first request of a client in a window always does),
and decides in between from its own count plus the others' as last read. What that gives:

- one process (or a test client): exact, the ``N+1``-th request of a window is refused;
- several processes or servers: each sees the others' counts at most ``SYNC_SECONDS`` late, so
  a client spread over them may exceed ``N`` by what the other processes allowed in that time;
- two processes rewriting the same entry at once: each writes its own **total**, so a count
  overwritten by the other is restored by the next rewrite (never lost for longer than that).

The refusal says when the window ends (``Retry-After``).
"""

from __future__ import annotations

import threading
import time
import uuid
from typing import Any

from django.core.cache import cache as shared_cache
from rest_framework.throttling import AnonRateThrottle as DrfAnonRateThrottle

SYNC_SECONDS = 0.25
#: Per-process entries kept before windows that ended are dropped.
PRUNE_ABOVE = 10_000


class WindowCounts:
    """This process's view of the shared counts (thread-safe)."""

    def __init__(self, token: str | None = None) -> None:
        self.token = token or uuid.uuid4().hex[:16]
        self._lock = threading.Lock()
        # (key, window) -> [mine, others as last read, read at (monotonic), window end]
        self._state: dict[tuple[str, int], list[float]] = {}

    def allow(self, key: str, limit: int, duration: int, now: float) -> tuple[bool, float]:
        """Count one request of ``key`` if fewer than ``limit`` were allowed in the current
        window; returns whether it was and the seconds until the window ends."""
        window = int(now // duration)
        end = (window + 1) * duration
        slot = (key, window)
        remaining = max(end - now, 0.0)
        with self._lock:
            state = self._state.get(slot)
            if state is not None and time.monotonic() - state[2] < SYNC_SECONDS:
                allowed = state[0] + state[1] < limit
                if allowed:
                    state[0] += 1
                return allowed, remaining
        # Read the shared entry outside the lock (other threads go on deciding meanwhile).
        entry_key = f"{key}:w{window}"
        entry: dict[str, int] = shared_cache.get(entry_key) or {}
        with self._lock:
            state = self._state.get(slot)
            mine = state[0] if state is not None else float(entry.get(self.token, 0))
            others = sum(n for token, n in entry.items() if token != self.token)
            state = [mine, float(others), time.monotonic(), end]
            self._state[slot] = state
            allowed = state[0] + state[1] < limit
            if allowed:
                state[0] += 1
            write = int(state[0]) if entry.get(self.token) != state[0] else None
            if len(self._state) > PRUNE_ABOVE:
                self._prune(now)
        if write is not None:
            shared_cache.set(entry_key, {**entry, self.token: write}, duration + 1)
        return allowed, remaining

    def _prune(self, now: float) -> None:
        for slot in [s for s, state in self._state.items() if state[3] <= now]:
            del self._state[slot]

    def clear(self) -> None:
        with self._lock:
            self._state.clear()


counts = WindowCounts()


class AnonRateThrottle(DrfAnonRateThrottle):
    """DRF's anonymous throttle (same scope, rate setting and client address), counted through
    :data:`counts`."""

    def allow_request(self, request: Any, view: Any) -> bool:
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        limit, duration = self.parse_rate(self.rate)  # DRF's stubs do not declare the pair
        if limit is None or duration is None:
            return True
        allowed, self._remaining = counts.allow(self.key, limit, duration, self.timer())
        return allowed

    def wait(self) -> float | None:
        return getattr(self, "_remaining", None)
