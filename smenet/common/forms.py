"""Base classes of every page form: the input-cleaning layer (``common.cleaning``) applied to
each field before the field itself parses the value.

A value with a control or direction-override character never reaches a field (a model choice
would send it to the database, where PostgreSQL fails on NUL); the form shows the text again
without the invisible character and says where it was, so nothing the user typed is lost.
Text fields without a ``max_length`` get :data:`~smenet.common.cleaning.LONG_TEXT_MAX`, other
fields refuse raw values longer than :data:`~smenet.common.cleaning.SHORT_VALUE_MAX`, and
integer fields without bounds get the 64-bit range.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.core import validators

from . import cleaning


def harden_field(field: forms.Field) -> None:
    """Give a form field the layer's default limits (idempotent)."""
    if getattr(field, "_smenet_hardened", False):
        return
    field._smenet_hardened = True  # type: ignore[attr-defined]
    if isinstance(field, forms.CharField):
        if field.max_length is None:
            field.max_length = cleaning.LONG_TEXT_MAX
        # A max_length set after construction (AuthenticationForm does) has no validator yet.
        if not any(isinstance(v, validators.MaxLengthValidator) for v in field.validators):
            field.validators.append(validators.MaxLengthValidator(field.max_length))
    if isinstance(field, forms.IntegerField):
        if field.max_value is None:
            field.max_value = cleaning.BIGINT_MAX
            field.validators.append(validators.MaxValueValidator(cleaning.BIGINT_MAX))
        if field.min_value is None:
            field.min_value = cleaning.BIGINT_MIN
            field.validators.append(validators.MinValueValidator(cleaning.BIGINT_MIN))


def raw_problem(field: forms.Field, raw: Any) -> str | None:
    """Why a raw posted value may not even be parsed by ``field``, or None."""
    values = raw if isinstance(raw, list | tuple) else [raw]
    for value in values:
        if not isinstance(value, str):
            continue
        if problem := cleaning.text_problem(value):
            return problem
        if not isinstance(field, forms.CharField) and len(value) > cleaning.SHORT_VALUE_MAX:
            return cleaning.length_problem(value, cleaning.SHORT_VALUE_MAX)
    return None


if TYPE_CHECKING:
    _FormBase = forms.BaseForm
else:
    _FormBase = object


class CleanInputMixin(_FormBase):
    """Runs the input-cleaning layer before Django cleans the fields."""

    def full_clean(self) -> None:
        rejected: dict[str, str] = {}
        if self.is_bound:
            data = self.data.copy()  # type: ignore[attr-defined]  # a QueryDict when bound
            for name, field in self.fields.items():
                harden_field(field)
                if field.disabled:
                    continue
                key = self.add_prefix(name)
                raw = field.widget.value_from_datadict(self.data, self.files, key)
                posted = self.data.getlist(key) if hasattr(self.data, "getlist") else []
                # Check what was posted too: a checkbox turns any value into a boolean.
                problem = raw_problem(field, posted) or raw_problem(field, raw)
                if problem is None:
                    continue
                rejected[name] = problem
                if hasattr(data, "setlist"):
                    data.setlist(key, [cleaning.strip_forbidden(str(v)) for v in posted])
                elif key in data:
                    data[key] = cleaning.strip_forbidden(str(raw))[: cleaning.SHORT_VALUE_MAX]
            self.data = data
        super().full_clean()
        for name, problem in rejected.items():
            if hasattr(self, "cleaned_data"):
                self.cleaned_data.pop(name, None)
            self._errors[name] = self.error_class([problem], renderer=self.renderer)  # type: ignore[attr-defined]


class Form(CleanInputMixin, forms.Form):
    """The base of every page form."""

    def clean(self) -> dict[str, Any]:
        """Django's, typed as what it returns: the cleaned data (the stubs allow None)."""
        super().clean()
        return self.cleaned_data

    def choice_field(self, name: str) -> forms.ChoiceField:
        """The field ``name``, typed as a choice field, to set its choices at run time."""
        field = self.fields[name]
        if not isinstance(field, forms.ChoiceField):
            raise TypeError(f"{type(self).__name__}.{name} is not a choice field")
        return field

    def model_choice_field(self, name: str) -> forms.ModelChoiceField[Any]:
        """The field ``name``, typed as a model choice field, to set its queryset at run time."""
        field = self.fields[name]
        if not isinstance(field, forms.ModelChoiceField):
            raise TypeError(f"{type(self).__name__}.{name} is not a model choice field")
        return field


class ModelForm(CleanInputMixin, forms.ModelForm):
    """The base of every model form (the back office's included)."""


def response_status(*forms: Any, conflict: bool = False) -> int:
    """The status of a page that shows forms again: 409 after an edit conflict, 400 when a
    submitted form has errors (nothing was saved), else 200."""
    if conflict:
        return 409
    return 400 if any(f is not None and f.is_bound and f.errors for f in forms) else 200


def invalid_form_response(request: Any, form: Any, back: str) -> Any:
    """For a form posted from another page (post-redirect-get): a 400 page listing the form's
    errors, each with its field's label, and a link back; nothing was saved."""
    from django.shortcuts import render

    errors = [
        (str(form.fields[name].label or name) if name in form.fields else "", str(message))
        for name, messages in form.errors.items()
        for message in messages
    ]
    return render(request, "common/invalid_form.html", {"errors": errors, "back": back}, status=400)


class StrictMixin(_FormBase):
    """For the form of a workflow button (a step, a vote, a withdrawal), before ``Form`` in
    the bases: it declares every field the step reads, and a posted field it does not declare
    is an error rather than silently dropped, so a step never runs on a request whose other
    values it did not check."""

    #: Posted names that are not data (the CSRF token, the submit button's own name).
    not_data: tuple[str, ...] = ("csrfmiddlewaretoken",)

    def clean(self) -> dict[str, Any]:
        from django.utils.translation import gettext as _

        super().clean()
        declared = {self.add_prefix(name) for name in self.fields} | set(self.not_data)
        unknown = sorted(key for key in self.data if key not in declared)
        if unknown:
            raise forms.ValidationError(
                _("This step does not take the field %(names)s; nothing was saved.")
                % {"names": ", ".join(cleaning.strip_forbidden(k)[:40] for k in unknown[:5])},
                code="unknown_field",
            )
        return self.cleaned_data
