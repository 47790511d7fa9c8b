from django import template
from django.http import QueryDict

register = template.Library()


@register.simple_tag
def facet_url(query: str, key: str, value: str) -> str:
    """The current query string with ``key`` set to ``value`` (or removed when it is already)."""
    params = QueryDict(query, mutable=True)
    params.pop("page", None)
    if params.get(key) == value:
        params.pop(key)
    else:
        params[key] = value
    return "?" + params.urlencode()


@register.filter
def get_item(mapping, key):
    return mapping.get(key, "") if mapping else ""
