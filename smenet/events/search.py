"""How meetings appear in the search index (see search/registry.py).

A meeting is one search document: its titles, descriptions and venue, its agenda items, and the
text of its documents' current language versions — but only the documents anyone who may see the
meeting may also see (public ones for a public meeting, members' ones for a members' meeting).
A document more confidential than that (Bureau, task force) is left out of the index, so its
words never bring a meeting up for someone who may not read it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from smenet.search.registry import MEMBERS, PUBLIC, RESTRICTED, IndexableType, IndexDocument

from .choices import Audience
from .models import DocumentFile, Meeting

#: The audiences of a meeting whose readers all may read a document of the key's audience.
VISIBILITY = {Audience.PUBLIC: PUBLIC, Audience.MEMBERS: MEMBERS}
INCLUDED = {
    Audience.PUBLIC: {Audience.PUBLIC},
    Audience.MEMBERS: {Audience.PUBLIC, Audience.MEMBERS},
    Audience.BUREAU: {Audience.PUBLIC, Audience.MEMBERS, Audience.BUREAU},
    Audience.TASK_FORCE: {Audience.PUBLIC, Audience.MEMBERS, Audience.TASK_FORCE},
}


def event_documents(ids: Iterable[int] | None) -> Iterator[IndexDocument]:
    qs = Meeting.objects.select_related("country", "body").prefetch_related(
        "translations",
        "agenda_items__translations",
        "documents__translations",
        Prefetch(
            "documents__files", queryset=DocumentFile.objects.filter(replaced_at__isnull=True)
        ),
    )
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    for meeting in qs.order_by("pk").iterator(chunk_size=200):
        titles: dict[str, str] = {}
        bodies: dict[str, list[str]] = {}
        for t in meeting.translations.all():
            titles[t.language_code] = t.title
            bodies[t.language_code] = [t.description or "", t.venue or ""]
        for item in meeting.agenda_items.all():
            for t in item.translations.all():
                bodies.setdefault(t.language_code, []).extend([t.title, t.description or ""])
        keywords = [meeting.code]
        for document in meeting.documents.all():
            if document.audience not in INCLUDED[Audience(meeting.audience)]:
                continue
            keywords.append(document.symbol)
            for t in document.translations.all():
                bodies.setdefault(t.language_code, []).append(t.title)
            for f in document.files.all():
                if f.text:
                    bodies.setdefault(f.language, []).append(f.text[:100000])
        yield IndexDocument(
            object_id=meeting.pk,
            url=meeting.get_absolute_url(),
            titles=titles,
            bodies=bodies,
            country=meeting.country.iso3 if meeting.country is not None else "",
            date=meeting.local_start.date(),
            visibility=VISIBILITY.get(Audience(meeting.audience), RESTRICTED),
            keywords=keywords,
            sample=meeting.is_sample,
        )


EVENT = IndexableType(
    name="event", label=_("Event"), model=Meeting, documents=event_documents, follow_saves=True
)
