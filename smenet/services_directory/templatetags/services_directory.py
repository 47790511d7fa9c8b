"""Template helpers of the directory: code labels in the page's language, the reasons of the
guided mode, and the services sections of the agency and country pages (so that the registry's
pages show services without depending on this app: one ``{% services_of … %}`` line each)."""

from __future__ import annotations

from typing import Any

from django import template
from django.contrib.auth.models import AnonymousUser
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from smenet.common import formatting
from smenet.registry.types import Viewer

from .. import reference, selectors
from ..choices import CostKind, CrossBorder, SizeClass, Stage

register = template.Library()


def _lang() -> str:
    return (get_language() or "en").split("-")[0]


@register.filter
def category_name(code: str) -> str:
    return reference.category_label(code, _lang())


@register.filter
def sector_name(code: str) -> str:
    return reference.sector_label(code, _lang())


@register.filter
def size_name(code: str) -> str:
    return str(dict(SizeClass.choices).get(code, code))


@register.filter
def stage_name(code: str) -> str:
    return str(dict(Stage.choices).get(code, code))


@register.filter
def size_names(codes: list[str]) -> str:
    """Size classes as a list in the page's language (the Arabic comma in Arabic)."""
    return formatting.join(size_name(c) for c in codes or ())


@register.filter
def stage_names(codes: list[str]) -> str:
    return formatting.join(stage_name(c) for c in codes or ())


@register.filter
def language_names(codes: list[str]) -> str:
    """Language codes as their names in the page's language, as a list."""
    return formatting.join(formatting.language_name(c) for c in codes or ())


@register.filter
def country_names(countries: list[Any]) -> str:
    from smenet.common.translation import translated

    return formatting.join(translated(c, "name") or c.iso3 for c in countries or ())


@register.filter
def currency_name(code: str) -> str:
    return reference.currency_name(code, _lang()) if code else ""


@register.simple_tag
def cost_text(service: Any) -> str:
    """The cost in words: "Free", "Subsidised: 50 AZN", "Fee: 120 EUR", "Not stated"."""
    from django.utils.formats import number_format

    if not service.cost:
        return _("Not stated")
    label = str(dict(CostKind.choices)[service.cost])
    if service.cost_amount is None:
        return label
    amount = number_format(
        service.cost_amount,
        decimal_pos=0 if service.cost_amount == int(service.cost_amount) else 2,
        use_l10n=True,
    )
    return _("%(kind)s: %(amount)s %(currency)s") % {
        "kind": label,
        "amount": amount,
        "currency": service.cost_currency,
    }


@register.filter
def cross_border_name(code: str) -> str:
    return str(dict(CrossBorder.choices).get(code, code))


@register.simple_tag
def reason_text(reason: tuple[str, str], service: Any = None) -> str:
    """Why a service fits, in words (the guided mode's reasons, ``guide.judge``)."""
    from smenet.common.translation import translated

    code, value = reason
    country = value
    place = getattr(getattr(service, "institution", None), "country", None)
    if place is not None and place.iso3 == value:
        country = translated(place, "name") or value
    texts = {
        "need": lambda: (
            _("It offers what you need: %(category)s.") % {"category": category_name(value)}
        ),
        "country": lambda: _("It is offered in your country (%(country)s).") % {"country": country},
        "cross_border": lambda: (
            _("It is open to SMEs of other member states (offered in %(country)s).")
            % {"country": country}
        ),
        "cross_border_conditions": lambda: (
            _(
                "It is open to SMEs of other member states under conditions (offered in %(country)s)."
            )
            % {"country": country}
        ),
        "size": lambda: (
            _("It is meant for %(size)s enterprises.") % {"size": size_name(value).lower()}
        ),
        "size_any": lambda: _("It is open to enterprises of every size."),
        "sector": lambda: (
            _("It is meant for your sector: %(sector)s.") % {"sector": sector_name(value)}
        ),
        "sector_any": lambda: _("It is open to every sector."),
        "stage": lambda: (
            _("It is meant for your stage: %(stage)s.") % {"stage": stage_name(value).lower()}
        ),
        "stage_any": lambda: _("It is open at every stage."),
        "language": lambda: (
            _("It is delivered in %(language)s.") % {"language": formatting.language_name(value)}
        ),
        "free": lambda: _("It is free of charge."),
        "subsidised": lambda: _("It is subsidised."),
    }
    make = texts.get(code)
    return make() if make else code


@register.inclusion_tag("services_directory/_section.html", takes_context=True)
def services_of(context: dict[str, Any], institution: Any = None, country: Any = None) -> dict:
    """The services section of an agency's page (``institution=``) or a country's page
    (``country=``): the services offered there, for the user who is looking."""
    request = context.get("request")
    # Without a request (a template rendered outside one) the reader is anonymous.
    user: Viewer = getattr(request, "user", None) or AnonymousUser()
    if institution is not None:
        items = list(selectors.services_for_institution(user=user, institution=institution))
        more_url = f"?institution={institution.slug}"
        heading = _("Services for SMEs")
    else:
        items = list(selectors.services_for_country(user=user, iso3=country.iso3, limit=51))
        more_url = f"?country={country.iso3}"
        heading = _("Services for SMEs offered here")
    return {
        "items": items[:50],
        "more": len(items) > 50,
        "more_url": more_url,
        "heading": heading,
        "request": request,
        "country": country,
    }


@register.filter
def field_of(form: Any, name: str) -> Any:
    """``form|field_of:"name"``: the bound field called ``name`` (names held in a tuple)."""
    return form[name]
