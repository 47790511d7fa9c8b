"""RSS 2.0 and Atom 1.0 feeds of the news, through Django's syndication framework.

One feed per language (``/feeds/news.rss``, ``/ar/feeds/news.rss``, ``/fr/…``): the newest 50
published articles that exist in that language, so the feed's ``language`` (RSS) and
``xml:lang`` (Atom) are true of every entry. A translation says so in its description."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, SyndicationFeed
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from smenet.common.formatting import language_name
from smenet.common.translation import translations_dict

from .selectors import news_published

FEED_SIZE = 50


def _lang() -> str:
    return (get_language() or "en").split("-")[0]


class NewsRss(Feed):
    feed_type: type[SyndicationFeed] = Rss201rev2Feed
    author_name = "OIC SME Network"

    def title(self):
        return _("OIC SME Network — news")

    def description(self):
        return _("News of the OIC SME Network.")

    subtitle = description

    def link(self):
        return reverse("news:list")

    def feed_url(self):
        return reverse("news:rss")

    def items(self):
        return news_published(lang=_lang(), limit=FEED_SIZE)

    def _text(self, item, field: str) -> str:
        return translations_dict(item, field).get(_lang(), "")

    def item_title(self, item):
        return self._text(item, "title")

    def item_description(self, item):
        summary = self._text(item, "summary")
        if item.original_language != _lang():
            return (
                _("Translation from %(language)s.")
                % {"language": language_name(item.original_language)}
                + " "
                + summary
            )
        return summary

    def item_link(self, item):
        return item.get_absolute_url()

    def item_guid(self, item):
        return f"news-{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return max(item.updated_at, item.publish_at)

    def item_categories(self, item):
        return []


class NewsAtom(NewsRss):
    feed_type = Atom1Feed

    def feed_url(self):
        return reverse("news:atom")

    def item_guid(self, item):
        # RFC 4151: a tag URI minted under the site's own domain name, stable for the entry
        from urllib.parse import urlsplit

        from django.conf import settings

        host = urlsplit(settings.SITE_URL).hostname or "smenet.example"
        return f"tag:{host},2025:news-{item.pk}"
