"""Acronyms first: a query that is an institution's acronym, or its first letters, lists that
institution first.

People type "KOBİA", "kobia" or just "KOBİ" for the Azerbaijani agency. The text ranking alone
cannot rank it first: "KOBİ" is also the Turkish word for SME, so it matches, through the
thesaurus, every SME agency's name with the same title score, and a few first letters match no
indexed word at all. So before the ranked matches come the institutions whose acronym equals
the single word typed (ignoring case and diacritics), then those whose acronym starts with it
(at least three letters), shortest acronym first. Everything else is ranked as before.

A small table of (folded acronym, institution id) is kept per process (a few thousand rows at
most, read once instead of a query per search), dropped when an institution is saved or
deleted here and after a minute at most for changes made by other processes.
"""

from __future__ import annotations

import threading
import time

from smenet.common.text import fold

TTL_SECONDS = 60
MIN_EXACT, MIN_PREFIX = 2, 3
MAX_PINNED = 5

_lock = threading.Lock()
_cache: dict[str, object] = {"at": 0.0, "table": ()}


def _table() -> tuple[tuple[str, int], ...]:
    now = time.monotonic()
    with _lock:
        if now - float(_cache["at"]) < TTL_SECONDS:  # type: ignore[arg-type]
            return _cache["table"]  # type: ignore[return-value]
    from smenet.registry.models import Institution

    rows = tuple(
        (folded, pk)
        for pk, acronym in Institution.objects.values_list("pk", "acronym")
        if (folded := fold(acronym or ""))
    )
    with _lock:
        _cache.update(at=now, table=rows)
    return rows


def forget(*_args: object, **_kwargs: object) -> None:
    """Drop the cached table: an institution was saved or deleted (a signal receiver)."""
    with _lock:
        _cache.update(at=0.0, table=())


def follow() -> None:
    from django.db.models.signals import post_delete, post_save

    from smenet.registry.models import Institution

    post_save.connect(forget, sender=Institution, dispatch_uid="search-acronyms-save")
    post_delete.connect(forget, sender=Institution, dispatch_uid="search-acronyms-delete")


def institutions_for(q: str | None) -> list[int]:
    """Ids of the institutions whose acronym is ``q`` or starts with it, best first."""
    text = (q or "").strip()
    if not text or len(text.split()) != 1:
        return []
    word = fold(text)
    if len(word) < MIN_EXACT:
        return []
    found = [
        (acronym != word, len(acronym), acronym, pk)
        for acronym, pk in _table()
        if acronym == word or (len(word) >= MIN_PREFIX and acronym.startswith(word))
    ]
    return [pk for *_key, pk in sorted(found)[:MAX_PINNED]]
