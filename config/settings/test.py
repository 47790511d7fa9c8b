"""Settings for the test suite: fast hashing, in-process tasks, no outgoing mail."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import DATABASES

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
SEARCH_VOCABULARY_INTERVAL = 0  # every index change is visible to the next search
SEARCH_VECTOR_CHECK_INTERVAL = 0  # rolled-back vectors of one test are never seen by the next
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ALLOWED_HOSTS = ["*"]
# No default API throttle in tests: query budgets measure the views' own queries, and a test may
# send more than a minute's allowance. The throttle's tests put production's classes back
# (smenet/common/tests/test_pagecache.py); views that name their throttles keep them, far above
# what a test sends.
REST_FRAMEWORK = {
    **REST_FRAMEWORK,  # noqa: F405
    "DEFAULT_THROTTLE_CLASSES": [],
    "DEFAULT_THROTTLE_RATES": {"anon": "100000/min", "user": "100000/min"},
}
# Tests run inside a transaction that never commits, so nothing would invalidate the page cache;
# its own tests turn it on (smenet/common/tests/test_pagecache.py).
SMENET_PAGE_CACHE = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not the in-memory database: threads of the concurrency tests (and the live
    # server of the browser tests) then use their own connections and wait for each other's
    # locks as in production (an in-memory shared-cache database answers "table is locked" at
    # once). One file per test run, so that parallel runs on one machine do not meet.
    DATABASES["default"]["OPTIONS"]["init_command"] = (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA foreign_keys=ON;"
    )
    DATABASES["default"]["TEST"] = {
        "NAME": str(
            Path(os.environ.get("SMENET_TEST_DB_DIR") or tempfile.gettempdir())
            / f"smenet-test-{os.getpid()}.sqlite3"
        )
    }
