"""News feeds read by an independent feed reader (``feedparser``): RSS 2.0 and Atom 1.0, per
language, newest 50, no errors (no "bozo"), the language declared."""

from __future__ import annotations

import datetime
import re

import feedparser
import pytest
from django.utils import timezone

from smenet.news import services

pytestmark = pytest.mark.django_db


def make_news(n: int, *, lang: str = "en", at: datetime.datetime | None = None, **kwargs):
    article = services.news_create(
        actor=None,
        slug=f"item-{n}",
        original_language=lang,
        titles={lang: f"Item {n} <&>"},
        summaries={lang: f"Summary {n}"},
        bodies={lang: f"<p>Body {n}</p><script>alert(1)</script>"},
        **kwargs,
    )
    return services.news_publish(
        actor=None, article=article, at=at or timezone.now() - datetime.timedelta(hours=n)
    )


@pytest.mark.parametrize(
    "path,version", [("/feeds/news.rss", "rss20"), ("/feeds/news.atom", "atom10")]
)
def test_feeds_parse_without_errors_newest_fifty(
    client, path, version, django_assert_max_num_queries
):
    for n in range(55):
        make_news(n)
    with django_assert_max_num_queries(6):
        response = client.get(path)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == version
    assert len(feed.entries) == 50
    assert feed.entries[0].title == "Item 0 <&>"
    assert feed.entries[-1].title == "Item 49 <&>"
    assert feed.feed.get("language", "en").startswith("en")
    ids = [e.id for e in feed.entries]
    assert len(set(ids)) == 50
    if version == "atom10":  # tag URIs under a domain name (RFC 4151), not a bare word
        assert all(re.fullmatch(r"tag:[a-z0-9.-]+\.[a-z]+,2025:news-\d+", i) for i in ids), ids[:3]


@pytest.mark.parametrize("prefix,lang", [("/ar", "ar"), ("/fr", "fr"), ("", "en")])
def test_founding_news_in_each_language_marks_translations(client, founding, prefix, lang):
    from smenet.news.reference import load_founding_news

    load_founding_news()
    for path in ("/feeds/news.rss", "/feeds/news.atom"):
        feed = feedparser.parse(client.get(f"{prefix}{path}").content)
        assert not feed.bozo, feed.get("bozo_exception")
        assert feed.feed.language == lang if path.endswith("rss") else True
        entry = feed.entries[0]
        assert entry.published_parsed[:3] == (2025, 10, 7)
        if lang == "ar":
            assert entry.title.startswith("معالي السيدة زهراء زمرد سلجوق")
            assert "Translation" not in entry.summary and "ترجمة" not in entry.summary
        else:
            assert "Selçuk" in entry.title
            # marked as a translation, the language named as the feed's language writes it
            assert {"en": "Arabic", "fr": "arabe"}[lang] in entry.summary
    atom = client.get(f"{prefix}/feeds/news.atom").content.decode()
    assert f'xml:lang="{lang}"' in atom


def test_drafts_and_future_news_stay_out(client):
    make_news(1)
    services.news_create(
        actor=None,
        slug="draft",
        original_language="en",
        titles={"en": "Draft"},
        summaries={"en": "D"},
    )
    make_news(2, at=timezone.now() + datetime.timedelta(days=2))
    feed = feedparser.parse(client.get("/feeds/news.rss").content)
    assert [e.title for e in feed.entries] == ["Item 1 <&>"]
