from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from smenet.common import forms as common_forms

from .choices import ObsStatus, Qualifier, RoundStatus


class RoundForm(common_forms.Form):
    code = forms.SlugField(
        label=_("Code"), max_length=60, help_text=_("Short and unique, such as 2026-annual.")
    )
    title = forms.CharField(label=_("Title"), max_length=300)
    instructions = forms.CharField(
        label=_("Instructions"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    indicators = forms.MultipleChoiceField(
        label=_("Indicators"), widget=forms.CheckboxSelectMultiple
    )
    first_year = forms.IntegerField(label=_("First year"), min_value=1900, max_value=2100)
    last_year = forms.IntegerField(label=_("Last year"), min_value=1900, max_value=2100)
    opens_on = forms.DateField(
        label=_("Opens on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    deadline = forms.DateField(label=_("Deadline"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, indicators=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicators"].choices = [(i.code, f"{i.code} — {i}") for i in indicators]

    def clean(self):
        data = super().clean()
        if (
            data.get("first_year")
            and data.get("last_year")
            and data["first_year"] > data["last_year"]
        ):
            self.add_error("last_year", _("The last year comes after the first."))
        return data


class SubmissionForm(common_forms.Form):
    indicator = forms.ChoiceField(label=_("Indicator"))
    period = forms.CharField(
        label=_("Period"), max_length=10, help_text=_("A year (2024) or a quarter (2024-Q3).")
    )
    value = forms.CharField(
        label=_("Value"),
        max_length=40,
        required=False,
        help_text=_("A number with a point as the decimal separator; empty for a missing figure."),
    )
    obs_status = forms.ChoiceField(
        label=_("Status of the figure"), choices=ObsStatus.choices, initial=ObsStatus.NORMAL
    )
    qualifier = forms.ChoiceField(
        label=_("As stated by the source"), choices=Qualifier.choices, required=False
    )
    source = forms.URLField(
        label=_("Source (web address)"), max_length=500, required=False, assume_scheme="https"
    )
    definition = forms.ChoiceField(label=_("National SME definition used"), required=False)
    note = forms.CharField(
        label=_("Note"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
        help_text=_("Required for a missing figure: say why."),
    )
    comment = forms.CharField(
        label=_("Comment for the Secretariat"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
        help_text=_("Explain a large change from the year before."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, indicators=(), definitions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = [(i.code, f"{i} ({i.code})") for i in indicators]
        self.fields["definition"].choices = [
            ("", _("not stated")),
            *[(code, name) for code, name in definitions],
        ]


class ReviewForm(common_forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("verify", _("Verify")), ("return", _("Return with a comment"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class RoundStatusForm(common_forms.Form):
    """The buttons that open and close a round (hidden fields: a tampered value is a 400)."""

    status = forms.ChoiceField(label=_("Status"), choices=RoundStatus.choices)
    version = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=1, max_value=2_147_483_647
    )


class ImportForm(common_forms.Form):
    file = forms.FileField(
        label=_("File"), help_text=_("Plain CSV or XLSX, SDMX-ML 2.1, SDMX-JSON or SDMX-CSV.")
    )
