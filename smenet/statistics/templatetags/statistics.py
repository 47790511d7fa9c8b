from django import template

from smenet.statistics.charts import display

register = template.Library()


@register.simple_tag
def stat_value(value, indicator, qualifier: str = "") -> str:
    """A figure in the page's language with the indicator's decimals and unit."""
    return display(value, indicator, qualifier=qualifier or "")


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None
