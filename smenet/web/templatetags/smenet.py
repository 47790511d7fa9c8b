import re

from django import template
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import get_language, get_language_bidi

from smenet.common.translation import pick, translations_dict

register = template.Library()


@register.filter
def tr(obj, field: str = "name"):
    """Translated content in the page's language; when it falls back to another language the
    text is marked with that language (``lang`` and ``dir``) so it is read and shaped correctly."""
    if obj is None:
        return ""
    text, lang = pick(translations_dict(obj, field))
    text = _in_page_direction(text)
    if lang and lang != (get_language() or "en").split("-")[0]:
        return format_html('<span lang="{}" dir="auto">{}</span>', lang, text)
    return text


@register.filter
def tr_text(obj, field: str = "name") -> str:
    return _in_page_direction(pick(translations_dict(obj, field))[0]) if obj is not None else ""


def _in_page_direction(text: str) -> str:
    """On right-to-left pages, ranges of numbers in content («خطة العمل 2025–2028») are kept
    left to right (see ``formatting.ltr_numbers``)."""
    if text and get_language_bidi():
        from smenet.common.formatting import ltr_numbers

        parts = _TAG.split(text)  # rich text: only the text between tags
        return "".join(p if i % 2 else ltr_numbers(p) for i, p in enumerate(parts))
    return text


@register.filter
def language_name(code: str | None) -> str:
    """A language code (``ar``, ``tr``) as its name in the page's language: people read
    «العربية» or "Arabic", not ``ar``. Unknown codes are shown as they are."""
    from smenet.common.formatting import language_name as name

    return name(code)


@register.filter
def meta_description(value, length: int = 160) -> str:
    """A page's summary for ``<meta name="description">``: the text of ``value`` (tags removed,
    entities decoded, white space collapsed) cut at a word boundary near ``length``
    characters, escaped once (``{% filter %}`` output is not escaped by the template)."""
    import html

    from django.utils.html import escape, strip_tags

    text = " ".join(html.unescape(strip_tags(str(value))).split())
    if len(text) > length:
        cut = text[: length - 1]
        if " " in cut:
            cut = cut[: cut.rfind(" ")]
        text = cut.rstrip(" ,;:–—-") + "…"
    return escape(text)


# A field's help text and errors carry the ids that Django's widgets name in their
# ``aria-describedby`` (``<auto_id>_helptext``, ``<auto_id>_error``; BoundField.aria_describedby),
# so that screen readers read them with the field. Every template that lays out fields by hand
# renders them through these two tags.
@register.simple_tag
def field_help(field) -> str:
    if not field.help_text:
        return ""
    if field.auto_id:
        return format_html(
            '<p class="muted help" id="{}_helptext">{}</p>', field.auto_id, field.help_text
        )
    return format_html('<p class="muted help">{}</p>', field.help_text)


@register.simple_tag
def field_errors(field) -> str:
    if not field.errors:
        return ""
    items = format_html_join("", "<p>{}</p>", ((e,) for e in field.errors))
    if field.auto_id:
        return format_html('<div class="error" id="{}_error">{}</div>', field.auto_id, items)
    return format_html('<div class="error">{}</div>', items)


#: A hyphenated name in capitals (OIC-SMENET, COMCEC-SME): browsers may break a line after its
#: hyphen, leaving «(OIC-» at one line's end and «SMENET)» on the next.
_HYPHENATED_ACRONYM = re.compile(
    r"(?<![\w-])([A-ZÇĞİÖŞÜ][A-Z0-9ÇĞİÖŞÜ]*(?:-[A-Z0-9ÇĞİÖŞÜ]+)+)(?![\w-])"
)
_TAG = re.compile(r"(<[^>]*>)")


@register.filter(needs_autoescape=True)
def nobreak(value, autoescape: bool = True):
    """Text (or HTML already made safe) with every hyphenated acronym kept on one line
    (``<span class="nobr">``, ``white-space: nowrap``): the network's name is read whole, in
    whichever text it appears. Only text between tags is touched, never tags or attributes."""
    if value is None or value == "":
        return ""
    if not isinstance(value, SafeData) and autoescape:
        value = escape(value)
    parts = _TAG.split(str(value))
    for i in range(0, len(parts), 2):  # even parts are text, odd ones tags
        parts[i] = _HYPHENATED_ACRONYM.sub(r'<span class="nobr">\1</span>', parts[i])
    return mark_safe("".join(parts))  # noqa: S308 - escaped above or safe already


@register.filter
def names(items) -> str:
    """Translated names in a list with the language's separator (the Arabic comma in
    Arabic); missing names are left out, so no separator dangles."""
    from smenet.common.formatting import join

    return join(pick(translations_dict(item, "name"))[0] for item in items or ())
