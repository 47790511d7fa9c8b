"""The head of every page (issue 17): a description of the page in its language, a canonical
URL and absolute hreflang alternates, the stylesheets written into the page (nothing blocks
rendering), the page script's font preloaded, the favicon set and the web manifest."""

from __future__ import annotations

import json
import re
from html import unescape

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import override_settings

from smenet.web.tests.pagecrawl import parse

pytestmark = pytest.mark.django_db

ARABIC = re.compile("[\u0600-\u06ff]")


def head(html: str) -> dict:
    page = parse(html)
    meta = {
        el.attrs.get("name"): el.attrs.get("content", "")
        for el in page.elements
        if el.tag == "meta" and el.attrs.get("name")
    }
    links = [el.attrs for el in page.elements if el.tag == "link"]
    return {"meta": meta, "links": links}


def rel(links, name):
    return [link for link in links if name in link.get("rel", "").split()]


def served(client, url: str) -> bool:
    """A static file (collected in production, found by the finders here) or a page."""
    if url.startswith(settings.STATIC_URL):
        return finders.find(url.removeprefix(settings.STATIC_URL)) is not None
    return client.get(url).status_code == 200


PAGES = [
    "/",
    "/members/",
    "/countries/",
    "/governance/",
    "/members/kobia-aze/",
    "/countries/AZE/",
    "/knowledge/",
    "/capacity/",
    "/plan/",
]


@pytest.mark.parametrize("prefix", ["", "/ar", "/fr"])
def test_every_page_describes_itself_in_its_language(client, founding, prefix):
    descriptions = {}
    for path in PAGES:
        response = client.get(prefix + path)
        assert response.status_code == 200, path
        text = unescape(head(response.content.decode())["meta"].get("description", ""))
        assert 50 <= len(text) <= 160, (path, text)
        assert "<" not in text and "{%" not in text, (path, text)
        if prefix == "/ar":
            assert ARABIC.search(text), (path, text)
        descriptions[path] = text
    # From the page's content: not one sentence for the whole site.
    assert len(set(descriptions.values())) == len(PAGES), descriptions
    assert "KOBİA" in descriptions["/members/kobia-aze/"]


def test_a_long_description_is_cut_at_a_word(client, founding):
    from smenet.knowledge.models import BestPractice

    practice = BestPractice.objects.filter(status="published").first()
    assert practice is not None
    practice.translations.update(summary="Word " * 100)
    html = client.get(practice.get_absolute_url()).content.decode()
    text = unescape(head(html)["meta"]["description"])
    assert text.endswith("Word…") and len(text) <= 160


@pytest.mark.parametrize("prefix", ["", "/ar"])
def test_canonical_and_absolute_alternates(client, founding, prefix):
    with override_settings(SITE_URL="https://smenet.example.org"):
        links = head(client.get(f"{prefix}/members/").content.decode())["links"]
    canonical = rel(links, "canonical")
    assert [c["href"] for c in canonical] == [f"https://smenet.example.org{prefix}/members/"]
    alternates = {a["hreflang"]: a["href"] for a in rel(links, "alternate") if "hreflang" in a}
    assert alternates == {
        "en": "https://smenet.example.org/members/",
        "ar": "https://smenet.example.org/ar/members/",
        "fr": "https://smenet.example.org/fr/members/",
        "x-default": "https://smenet.example.org/members/",
    }
    # Without SMENET_SITE_URL the request's own host is used: still absolute.
    links = head(client.get(f"{prefix}/members/").content.decode())["links"]
    assert all(a["href"].startswith("http://testserver/") for a in rel(links, "alternate"))


@pytest.mark.parametrize(
    ("prefix", "font"), [("", "noto-sans-latin-400"), ("/ar", "noto-naskh-arabic-400")]
)
def test_no_stylesheet_blocks_rendering_and_the_font_is_preloaded(client, founding, prefix, font):
    html = client.get(f"{prefix}/").content.decode()
    links = head(html)["links"]
    assert not rel(links, "stylesheet"), "a stylesheet link blocks the first paint"
    assert "<style>" in html and "@font-face" in html and "unicode-range" in html
    preloads = rel(links, "preload")
    assert len(preloads) == 1 and font in preloads[0]["href"], preloads
    assert preloads[0].get("crossorigin") is not None and preloads[0]["as"] == "font"
    # Scripts never block the parser.
    scripts = [el.attrs for el in parse(html).elements if el.tag == "script"]
    assert all("defer" in s or "async" in s or s.get("type") == "module" for s in scripts)


def test_favicon_set_and_manifest_are_linked_and_served(client, founding):
    links = head(client.get("/ar/").content.decode())["links"]
    hrefs = {link["rel"]: link["href"] for link in links}
    assert hrefs["manifest"] == "/ar/manifest.webmanifest"
    for link in rel(links, "icon") + rel(links, "apple-touch-icon"):
        assert served(client, link["href"]), link
    manifest = client.get("/ar/manifest.webmanifest")
    assert manifest.status_code == 200
    assert manifest["Content-Type"].startswith("application/manifest+json")
    assert "max-age" in manifest["Cache-Control"]
    data = json.loads(manifest.content)
    assert data["lang"] == "ar" and data["dir"] == "rtl" and data["start_url"] == "/ar/"
    assert ARABIC.search(data["name"]) and ARABIC.search(data["description"])
    sizes = {icon["sizes"] for icon in data["icons"]}
    assert {"192x192", "512x512"} <= sizes
    assert any(icon.get("purpose") == "maskable" for icon in data["icons"])
    for icon in data["icons"]:
        assert served(client, icon["src"]), icon
    english = json.loads(client.get("/manifest.webmanifest").content)
    assert english["lang"] == "en" and english["dir"] == "ltr" and english["start_url"] == "/"
