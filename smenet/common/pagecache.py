"""Anonymous pages and API answers from the shared cache, per language, with ETags and gzip
(decision 0032).

What is cached: the answer to an anonymous ``GET``/``HEAD`` (no session cookie, no
``Authorization``, no messages waiting) with status 200, HTML or JSON, that sets no cookie (a
page with a CSRF token sets one, so forms are never shared) and is not marked private. The key
is the generation, the method-independent URL with its query, the language the answer is in
(from the path for pages; ``?lang=``, the language cookie and ``Accept-Language`` for the API,
as ``ApiLanguageMiddleware`` chooses) and whether the client takes gzip.

Invalidation: every committed write to a model (``post_save``, ``post_delete``,
``m2m_changed``) and every finished background task (search indexing) replaces the
**generation** — a random token in the cache — once per transaction, after the commit. Each
process reads the generation at most every ``GENERATION_TTL`` seconds, so a change shows to
anonymous readers of every server within that time. Entries also expire after ``TIMEOUT``.

A copy in each process: the entries a process served last are also kept in its memory
(``SMENET_PAGE_CACHE_LOCAL_MB``, least recently used first out), so a hit costs no query to the
shared cache. The copies are keyed by the same generation, so they go stale exactly when the
shared entries do (within ``GENERATION_TTL`` on every server); a new generation empties them.

Rate limits: an API answer served from the cache is counted by the view's throttles (DRF's
anonymous rate limit) exactly as if the view had run; once they refuse, the view answers
(429 problem+json with ``Retry-After``).

Compression: the cached body is stored gzipped too; only these anonymous, cookie-free answers
are compressed — they hold no secret, so BREACH has nothing to recover. Pages for signed-in
users (CSRF tokens, personal data) are sent uncompressed.
"""

from __future__ import annotations

import gzip
import hashlib
import threading
import time
import uuid
from collections import OrderedDict
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import patch_vary_headers

GENERATION_KEY = "pagecache:generation"
GENERATION_TTL = 0.5
TIMEOUT = 600
MIN_GZIP = 500
SKIP_PREFIXES = ("/admin/", "/ar/admin/", "/fr/admin/", "/healthz", "/i18n/")
NOT_CONTENT = {"sessions.session", "django_tasks_db.dbtaskresult", "admin.logentry"}

_memo: dict[str, Any] = {"value": None, "read": 0.0}


class LocalCopies:
    """The entries this process served last, by key, within a byte budget (thread-safe: the
    server runs several threads per process). Only entries of the current generation are kept."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: OrderedDict[str, tuple[float, int, dict[str, Any]]] = OrderedDict()
        self._generation: str | None = None
        self._bytes = 0

    def _budget(self) -> int:
        return int(settings.SMENET_PAGE_CACHE_LOCAL_MB * 1024 * 1024)

    def _check(self, current: str) -> None:
        if current != self._generation:
            self._entries.clear()
            self._bytes = 0
            self._generation = current

    def get(self, current: str, key: str) -> dict[str, Any] | None:
        with self._lock:
            self._check(current)
            found = self._entries.get(key)
            if found is None:
                return None
            if found[0] < time.monotonic():
                del self._entries[key]
                self._bytes -= found[1]
                return None
            self._entries.move_to_end(key)
            return found[2]

    def put(self, current: str, key: str, entry: dict[str, Any]) -> None:
        size = len(entry["body"]) + len(entry["gzip"] or b"") + 512
        budget = self._budget()
        if size > budget // 4:
            return
        with self._lock:
            self._check(current)
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= old[1]
            self._entries[key] = (time.monotonic() + TIMEOUT, size, entry)
            self._bytes += size
            while self._bytes > budget and self._entries:
                _key, (_expires, dropped, _entry) = self._entries.popitem(last=False)
                self._bytes -= dropped

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0
            self._generation = None


local_copies = LocalCopies()


# --- the generation ------------------------------------------------------------------------


def generation() -> str:
    now = time.monotonic()
    if _memo["value"] is None or now - _memo["read"] > GENERATION_TTL:
        value = cache.get(GENERATION_KEY)
        if value is None:
            value = uuid.uuid4().hex
            cache.add(GENERATION_KEY, value, None)
            value = cache.get(GENERATION_KEY) or value
        _memo.update(value=value, read=now)
    return _memo["value"]


def bump() -> None:
    """Make every cached answer stale (a new random token: concurrent bumps never collide)."""
    value = uuid.uuid4().hex
    try:
        cache.set(GENERATION_KEY, value, None)
    except DatabaseError:  # no cache table yet (a write during the first migrate)
        return
    _memo.update(value=value, read=time.monotonic())


def content_changed(sender: Any = None, **kwargs: Any) -> None:
    """A model was written: bump once per transaction, after it commits (not at all if it
    rolls back)."""
    if sender is not None and getattr(sender, "_meta", None) is not None:
        if sender._meta.label_lower in NOT_CONTENT:
            return
        if set(kwargs.get("update_fields") or ()) == {"last_login"}:
            return
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(entry[1] is bump for entry in connection.run_on_commit):
        return
    transaction.on_commit(bump)


def task_finished(sender: Any = None, **kwargs: Any) -> None:
    bump()


# --- the middleware --------------------------------------------------------------------------


def _anonymous(request: HttpRequest) -> bool:
    return (
        settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
    )


def _language(request: HttpRequest) -> str:
    path = request.path_info
    if path.startswith("/api/"):
        codes = {code for code, _name in settings.LANGUAGES}
        lang = request.GET.get("lang", "").strip().lower()[:8]
        if lang in codes:
            return lang
        return translation.get_language_from_request(request, check_path=False)
    return translation.get_language_from_path(path) or settings.LANGUAGE_CODE


def _gzip_ok(request: HttpRequest) -> bool:
    return "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", "").lower()


def _etag(body: bytes) -> str:
    return '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'


def _cacheable_response(response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    content_type = response.get("Content-Type", "")
    if not content_type.startswith(("text/html", "application/json")):
        return False
    control = response.get("Cache-Control", "")
    return "private" not in control and "no-store" not in control


def _throttled(request: HttpRequest) -> bool:
    """Whether the API view's own throttles refuse this request (a hit counts like a render:
    serving from the cache must not lift the anonymous rate limit)."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    view = getattr(match.func, "cls", None)
    if view is None or not hasattr(view, "get_throttles"):
        return False
    from rest_framework.request import Request

    drf_request = Request(request)
    instance = view()
    instance.request, instance.args, instance.kwargs = drf_request, match.args, match.kwargs
    instance.headers = {}
    instance.format_kwarg = None
    return not all(t.allow_request(drf_request, instance) for t in instance.get_throttles())


class AnonymousPageCacheMiddleware:
    """Serves anonymous GETs from the shared cache (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            not settings.SMENET_PAGE_CACHE
            or request.method not in ("GET", "HEAD")
            or request.path_info.startswith(SKIP_PREFIXES)
            or not _anonymous(request)
        ):
            return self.get_response(request)
        current = generation()
        key = (
            f"page:{current}:{_language(request)}:"
            f"{hashlib.blake2b(request.get_full_path().encode(), digest_size=16).hexdigest()}"
        )
        entry = local_copies.get(current, key)
        if entry is None:
            entry = cache.get(key)
            if entry is not None:
                local_copies.put(current, key, entry)
        if entry is not None and request.path_info.startswith("/api/") and _throttled(request):
            # Refused: the view answers (its own check refuses again: 429 with Retry-After).
            return self.get_response(request)
        if entry is None:
            response = self.get_response(request)
            if not _cacheable_response(response) or not _anonymous(request):
                return response
            entry = self._store(key, response)
            local_copies.put(current, key, entry)
            state = "miss"
        else:
            state = "hit"
        return self._answer(request, entry, state)

    def _store(self, key: str, response: HttpResponse) -> dict[str, Any]:
        body = response.content
        headers = {
            name: value
            for name, value in response.items()
            if name.lower() not in ("content-length", "set-cookie", "etag", "vary")
        }
        entry = {
            "headers": headers,
            "body": body,
            "gzip": gzip.compress(body, 6, mtime=0) if len(body) >= MIN_GZIP else None,
            "etag": _etag(body),
            "vary": response.get("Vary", ""),
        }
        cache.set(key, entry, TIMEOUT)
        return entry

    def _answer(self, request: HttpRequest, entry: dict[str, Any], state: str) -> HttpResponse:
        compressed = entry["gzip"] is not None and _gzip_ok(request)
        etag = entry["etag"][:-1] + (';gz"' if compressed else '"')
        if etag in request.META.get("HTTP_IF_NONE_MATCH", ""):
            response: HttpResponse = HttpResponseNotModified()
        else:
            response = HttpResponse(entry["gzip"] if compressed else entry["body"])
            for name, value in entry["headers"].items():
                response[name] = value
            if compressed:
                response["Content-Encoding"] = "gzip"
        response["ETag"] = etag
        response["Cache-Control"] = "public, max-age=0, must-revalidate"
        response["X-Cache"] = state
        vary = [v.strip() for v in entry["vary"].split(",") if v.strip() and v.strip() != "Cookie"]
        patch_vary_headers(response, [*vary, "Accept-Encoding", "Cookie"])
        if request.path_info.startswith("/api/"):
            patch_vary_headers(response, ["Accept-Language"])
        return response
