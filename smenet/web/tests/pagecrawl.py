"""Walk the site the way a visitor does, for tests that must cover every page and form.

Pages are found from the main navigation and the footer of the home page, then by following
links, one page per view (the first URL met for each URL name), so that a page added to the
navigation later — or linked from a page in it — is covered without editing the tests.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.urls import Resolver404, resolve

#: Not pages of this site's layout: the back office, the API and its docs, language switching,
#: files, feeds and machine formats.
SKIP_PREFIXES = ("/admin/", "/api/", "/i18n/", "/static/", "/media/", "/sdmx/", "/healthz")
SKIP_SUFFIXES = (".csv", ".xlsx", ".pdf", ".png", ".svg", ".ics", ".json", ".xml", ".rss")


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]


@dataclass
class Form:
    method: str
    action: str
    fields: list[Element] = field(default_factory=list)

    @property
    def has_visible_fields(self) -> bool:
        return any(
            f.tag in ("select", "textarea")
            or f.attrs.get("type", "text") not in ("hidden", "submit", "button", "reset")
            for f in self.fields
        )


class PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.links: list[str] = []
        self.forms: list[Form] = []
        self.nav_links: list[str] = []
        self._nav_depth = 0
        self._form: Form | None = None

    def handle_starttag(self, tag, attrs):
        attrs = {k: (v or "") for k, v in attrs}
        self.elements.append(Element(tag, attrs))
        if tag == "nav" or (tag == "footer" and "site-footer" in attrs.get("class", "")):
            if "lang-switch" not in attrs.get("class", ""):
                self._nav_depth += 1
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
            if self._nav_depth:
                self.nav_links.append(attrs["href"])
        if tag == "form":
            self._form = Form(attrs.get("method", "get").lower(), attrs.get("action", ""))
            self.forms.append(self._form)
        if self._form and tag in ("input", "select", "textarea"):
            self._form.fields.append(Element(tag, attrs))

    def handle_endtag(self, tag):
        if tag in ("nav", "footer") and self._nav_depth:
            self._nav_depth -= 1
        if tag == "form":
            self._form = None


def parse(html: str) -> PageParser:
    parser = PageParser()
    parser.feed(html)
    return parser


def broken_references(html: str) -> list[str]:
    """Every ``aria-describedby``/``aria-labelledby``/``aria-controls``/``for``/``list``
    reference that names no element of the page."""
    page = parse(html)
    ids = {el.attrs["id"] for el in page.elements if el.attrs.get("id")}
    problems = []
    for el in page.elements:
        for attr in ("aria-describedby", "aria-labelledby", "aria-controls", "list"):
            for ref in el.attrs.get(attr, "").split():
                if ref not in ids:
                    problems.append(f"<{el.tag} {attr}={ref!r}> names no element")
        if el.tag == "label" and el.attrs.get("for") and el.attrs["for"] not in ids:
            problems.append(f"<label for={el.attrs['for']!r}> names no element")
    return problems


def site_path(base: str, href: str) -> str | None:
    """The path (with query) of a link to one of this site's pages, else None."""
    url = urlsplit(urljoin(base, href))
    if url.scheme not in ("", "http", "https") or (url.netloc and url.netloc != "testserver"):
        return None
    path = url.path
    if path.startswith(SKIP_PREFIXES) or path.endswith(SKIP_SUFFIXES):
        return None
    for prefix in ("/ar", "/fr"):
        if path.startswith(prefix + "/") and path[len(prefix) :].startswith(SKIP_PREFIXES):
            return None
    return path + (f"?{url.query}" if url.query else "")


def view_name(path: str) -> str | None:
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return None
    return match.view_name


def navigation_paths(client, home: str = "/") -> list[str]:
    """The site's own links in the main navigation and the footer of the home page."""
    page = parse(client.get(home).content.decode())
    paths = []
    for href in page.nav_links:
        path = site_path(home, href)
        if path and path not in paths:
            paths.append(path)
    return paths


@dataclass
class Visited:
    path: str
    view: str
    html: str
    forms: list[Form]


def crawl(client, start: list[str], limit: int = 200) -> Iterator[Visited]:
    """Breadth first from ``start``: one HTML page per URL name, at most ``limit`` pages."""
    queue = list(start)
    seen_views: set[str] = set()
    seen_paths: set[str] = set()
    count = 0
    while queue and count < limit:
        path = queue.pop(0)
        if path in seen_paths:
            continue
        seen_paths.add(path)
        name = view_name(path)
        if name is None or name in seen_views or name.endswith("logout"):
            continue
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        seen_views.add(name)
        count += 1
        html = response.content.decode()
        page = parse(html)
        yield Visited(path, name, html, page.forms)
        for href in page.links:
            link = site_path(path, href)
            if link and link not in seen_paths:
                queue.append(link)


def duplicate_ids(html: str) -> list[str]:
    """Ids used more than once on the page."""
    counts: dict[str, int] = {}
    for el in parse(html).elements:
        if el.attrs.get("id"):
            counts[el.attrs["id"]] = counts.get(el.attrs["id"], 0) + 1
    return [f"id {i!r} is used {n} times" for i, n in counts.items() if n > 1]
