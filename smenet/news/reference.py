"""The first real news item: SESRIC's news of 7 October 2025 from Baku (the project's founding
document), in its original Arabic with English and French translations marked as translations.
Loaded from ``data/`` (see its README), once."""

from __future__ import annotations

import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils.html import escape

from smenet.common.translation import set_translations

from .choices import NewsStatus
from .models import NewsArticle

DATA = Path(__file__).resolve().parent / "data"
SLUG = "sesric-kobia-meeting-baku-2025-10-07"
#: The hour is not in the source; noon in Baku keeps the date the same in nearly every zone.
PUBLISHED = datetime.datetime(2025, 10, 7, 12, 0, tzinfo=ZoneInfo("Asia/Baku"))


def read(lang: str) -> dict[str, str]:
    """Title, summary (the first paragraph) and body (date, venue and paragraphs as HTML)."""
    text = (DATA / f"founding-2025-10-07.{lang}.txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    title, date_line, venue_line = (line.strip() for line in lines[:3])
    paragraphs = [p.strip() for p in "\n".join(lines[3:]).split("\n\n") if p.strip()]
    body = f"<p>{escape(date_line)}<br>{escape(venue_line)}</p>" + "".join(
        f"<p>{escape(p)}</p>" for p in paragraphs
    )
    return {"title": title, "summary": paragraphs[0], "body": body}


@transaction.atomic
def load_founding_news() -> NewsArticle:
    article = NewsArticle.objects.filter(slug=SLUG).first()
    if article is not None:
        return article
    texts = {lang: read(lang) for lang in ("ar", "en", "fr")}
    article = NewsArticle(
        slug=SLUG,
        status=NewsStatus.PUBLISHED,
        publish_at=PUBLISHED,
        original_language="ar",
    )
    set_translations(
        article,
        {
            field: {lang: texts[lang][field] for lang in texts}
            for field in ("title", "summary", "body")
        },
    )
    article.full_clean(exclude=["image"])
    article.save()
    from smenet.events.models import Meeting
    from smenet.events.reference import FOUNDING_CODE
    from smenet.registry.models import Institution

    meeting = Meeting.objects.filter(code=FOUNDING_CODE).first()
    if meeting is not None:
        article.meetings.add(meeting)
    article.institutions.add(*Institution.objects.filter(acronym__in=["KOBİA", "SESRIC"]))
    from smenet.search.indexing import schedule

    schedule("news", [article.pk])
    return article


def load_reference_data() -> dict[str, int]:
    """The reference-data hook (``common.reference``)."""
    load_founding_news()
    return {"news": NewsArticle.objects.filter(slug=SLUG).count()}
