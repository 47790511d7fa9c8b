"""Stylesheets written into the page (decision: fonts and critical CSS).

The site's CSS is small (fonts, layout, components, charts); written into a ``<style>`` in the
head it is there at the first paint, with no request that blocks rendering on a slow link.
``url(...)`` references are rewritten to the files' static URLs (hashed names in production),
and comments and runs of white space are removed. Read once per process (every request with
``DEBUG`` on, so that edits show at once).
"""

from __future__ import annotations

import functools
import posixpath
import re

from django import template
from django.conf import settings
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.utils.safestring import mark_safe

register = template.Library()

_URL = re.compile(r"""url\(\s*["']?(?!data:|https?:|/)([^"')]+)["']?\s*\)""")
_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)


def _minify(css: str) -> str:
    css = _COMMENT.sub("", css)
    css = re.sub(r"\s+", " ", css)
    css = re.sub(r"\s*([{};,>])\s*", r"\1", css)
    return css.replace(";}", "}").strip()


def stylesheet_text(path: str) -> str:
    """The stylesheet at static ``path``, minified, with its URLs made absolute."""
    found = finders.find(path)
    if not found:
        raise template.TemplateSyntaxError(f"no static file {path}")
    with open(found, encoding="utf-8") as handle:
        css = handle.read()
    folder = posixpath.dirname(path)

    def absolute(match: re.Match) -> str:
        target = posixpath.normpath(posixpath.join(folder, match.group(1)))
        return f'url("{static(target)}")'

    return _minify(_URL.sub(absolute, css))


@functools.lru_cache(maxsize=16)
def _cached(paths: tuple[str, ...]) -> str:
    return "".join(stylesheet_text(p) for p in paths)


@register.simple_tag
def inline_stylesheets(*paths: str) -> str:
    css = "".join(stylesheet_text(p) for p in paths) if settings.DEBUG else _cached(paths)
    # "</" cannot occur in our CSS; refuse it rather than let a file end the element.
    if "</" in css:
        raise template.TemplateSyntaxError("a stylesheet to inline contains '</'")
    return mark_safe(f"<style>{css}</style>")  # noqa: S308 - our own static files
