"""One definition of a language code (issue 12 §3), used by forms, serializers, services, models."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from smenet.common.languages import bad_language_codes, is_language_code, validate_language_code


@pytest.mark.parametrize("code", ["ar", "en", "fr", "tr", "ms"])
def test_two_small_letters_are_a_code(code):
    assert is_language_code(code)
    validate_language_code(code)


@pytest.mark.parametrize("value", ["EN", "ara", "a", "", "ça", "a1", "ar\n", " ar", None, 12])
def test_anything_else_is_not(value):
    assert not is_language_code(value)


def test_the_model_validator_refuses_with_a_message():
    with pytest.raises(ValidationError, match="ISO 639-1"):
        validate_language_code("English")


def test_bad_codes_are_named_in_order():
    assert bad_language_codes(["ar", "EN", "fr", "xyz"]) == ["EN", "xyz"]


def test_every_checker_agrees():
    """The capacity service, the capacity form field and the API serializers use it: an
    upper-case or non-ASCII code is refused everywhere (the knowledge API accepted 'EN')."""
    from smenet.capacity.forms import LanguageCodesField
    from smenet.knowledge.api.serializers import LanguageTextsField

    with pytest.raises(Exception, match="ISO 639-1"):
        LanguageTextsField().to_internal_value({"EN": "Title"})
    with pytest.raises(ValidationError, match="ça"):
        LanguageCodesField().clean("ar, ça")
