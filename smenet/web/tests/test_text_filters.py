"""The text filters every template shares: hyphenated acronyms kept on one line, lists of
names with the language's separator."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.utils import translation


def render(source: str, **context) -> str:
    return Template("{% load smenet %}" + source).render(Context(context))


def test_a_hyphenated_acronym_is_kept_on_one_line_in_text_and_escaped():
    out = render("{{ text|nobreak }}", text="شبكة (OIC-SMENET) <b>")
    assert out == 'شبكة (<span class="nobr">OIC-SMENET</span>) &lt;b&gt;'


def test_only_text_between_tags_is_touched():
    html = '<p title="OIC-SMENET"><a href="/x/OIC-SMENET/">OIC-SMENET</a> 2025-2028 e-mail</p>'
    out = render("{{ html|safe|nobreak }}", html=html)
    assert out == (
        '<p title="OIC-SMENET"><a href="/x/OIC-SMENET/"><span class="nobr">OIC-SMENET</span></a>'
        " 2025-2028 e-mail</p>"
    )


@pytest.mark.django_db
def test_names_are_joined_with_the_arabic_comma_in_arabic():
    from smenet.registry.tests.factories import InstitutionFactory

    a, b = InstitutionFactory(), InstitutionFactory()
    a.set_current_language("ar")
    a.name = "كوبيا"
    a.save()
    b.set_current_language("ar")
    b.name = "كوسجب"
    b.save()
    with translation.override("ar"):
        assert render("{{ items|names }}", items=[a, b]) == "كوبيا، كوسجب"
    with translation.override("en"):
        assert "، " not in render("{{ items|names }}", items=[a, b])


def test_tight_number_ranges_stay_left_to_right_spaced_ones_follow_the_text():
    from smenet.common.formatting import LRI, PDI, ltr_numbers

    assert ltr_numbers("خطة 2025–2028، 10:00–16:00") == (
        f"خطة {LRI}2025–2028{PDI}، {LRI}10:00–16:00{PDI}"
    )
    assert ltr_numbers("من 10 – 11 ديسمبر و2025-2028") == "من 10 – 11 ديسمبر و2025-2028"
