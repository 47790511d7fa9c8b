"""gunicorn settings that ``smenet serve`` passes (``--config python:config.gunicorn``).

``post_worker_init``: once a worker process has loaded the application, everything allocated so
far (Django, the URL configuration, the models, the search vocabulary and vectors when loaded)
moves to the garbage collector's permanent generation (``gc.freeze``). Full collections then no
longer walk that start-up heap: they were the tail of the slowest API requests (docs/performance.md,
SME services directory: CPU p95 196.7 → 72.2 ms with the heap frozen).
"""

from __future__ import annotations

import gc
from typing import Any


def post_worker_init(worker: Any) -> None:
    gc.freeze()
