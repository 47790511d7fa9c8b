"""The server's worker hook (config/gunicorn.py, passed by ``smenet serve``)."""

from __future__ import annotations

import gc

from config import gunicorn


def test_a_worker_freezes_its_start_up_heap():
    gc.unfreeze()
    assert gc.get_freeze_count() == 0
    gunicorn.post_worker_init(None)
    try:
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
