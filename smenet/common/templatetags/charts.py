"""Template side of :mod:`smenet.common.charts`: numbers for SVG attributes and CSS lengths,
never localised (``{{ 19.2 }}`` prints ``19,2`` in Arabic and French; ``{{ 19.2|svgnum }}``
prints ``19.2`` everywhere)."""

from django import template

from smenet.common import charts

register = template.Library()


@register.filter
def svgnum(value, places: int = 2) -> str:
    """A number for an SVG attribute, a ``data-*`` value or a CSS length."""
    return charts.svg_number(value, int(places))


@register.filter
def css_percent(value, places: int = 3) -> str:
    """A CSS percentage: ``{{ share|css_percent }}`` → ``12.5%``."""
    return charts.css_percent(value, int(places))
