"""Forms of the plan pages: they parse input; services apply the rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from smenet.common import forms as common_forms
from smenet.common import uploads
from smenet.governance.choices import VotingMethod
from smenet.registry.models import Institution
from smenet.taxonomy.subjects import subject_label, subject_names

from .choices import ProgressStatus

LANGS = (("en", _("English")), ("fr", _("French")), ("ar", _("Arabic")))
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class InstitutionChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Institution) -> str:
        return obj.acronym


class InstitutionsChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Institution) -> str:
        return obj.acronym


def _institutions():
    return Institution.objects.order_by("acronym").only("id", "acronym")


class ItemForm(common_forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    parent = forms.TypedChoiceField(label=_("Parent"), required=False, coerce=int, empty_value=None)
    lead = InstitutionChoice(label=_("Lead institution"), queryset=None, required=False)
    partners = InstitutionsChoice(
        label=_("Partner institutions"),
        queryset=None,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    start = forms.DateField(label=_("Start"), required=False, widget=DATE)
    end = forms.DateField(label=_("End"), required=False, widget=DATE)
    subjects = forms.MultipleChoiceField(
        label=_("Subjects"), required=False, widget=forms.SelectMultiple(attrs={"size": 6})
    )
    budget = forms.DecimalField(label=_("Budget"), required=False, min_value=0, decimal_places=2)
    currency = forms.CharField(label=_("Currency"), required=False, max_length=3, initial="USD")
    funding_source = forms.CharField(label=_("Funding source"), required=False, max_length=200)
    weight = forms.DecimalField(label=_("Weight"), min_value=0, initial=1, decimal_places=2)

    def __init__(self, *args, parents=(), indicator_rows: int = 2, **kwargs):
        super().__init__(*args, **kwargs)
        self.choice_field("parent").choices = [("", _("— none (an objective) —"))] + list(parents)
        self.model_choice_field("lead").queryset = _institutions()
        self.model_choice_field("partners").queryset = _institutions()
        lang = (get_language() or "en").split("-")[0]
        subjects = sorted(
            ((code, subject_label(code, lang)) for code in subject_names()), key=lambda c: c[1]
        )
        self.choice_field("subjects").choices = subjects
        for code, name in LANGS:
            self.fields[f"title_{code}"] = forms.CharField(
                label=_("Title (%(language)s)") % {"language": name},
                required=False,
                max_length=500,
            )
        for code, name in LANGS:
            self.fields[f"description_{code}"] = forms.CharField(
                label=_("Description (%(language)s)") % {"language": name},
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
        self.indicator_rows = indicator_rows
        for i in range(indicator_rows):
            self.fields[f"ind{i}_key"] = forms.CharField(required=False, widget=forms.HiddenInput)
            for code, name in LANGS:
                self.fields[f"ind{i}_name_{code}"] = forms.CharField(
                    label=_("Indicator %(n)s name (%(language)s)") % {"n": i + 1, "language": name},
                    required=False,
                    max_length=300,
                )
            self.fields[f"ind{i}_unit"] = forms.CharField(
                label=_("Unit"), required=False, max_length=40
            )
            self.fields[f"ind{i}_baseline"] = forms.DecimalField(
                label=_("Baseline"), required=False
            )
            self.fields[f"ind{i}_target"] = forms.DecimalField(label=_("Target"), required=False)
            self.fields[f"ind{i}_target_date"] = forms.DateField(
                label=_("Target date"), required=False, widget=DATE
            )

    def indicator_groups(self):
        return [
            [
                self[name]
                for name in self.fields
                if name.startswith(f"ind{i}_") and not name.endswith("_key")
            ]
            for i in range(self.indicator_rows)
        ]

    def titles(self) -> dict[str, str]:
        return {code: self.cleaned_data.get(f"title_{code}", "") for code, _n in LANGS}

    def descriptions(self) -> dict[str, str]:
        return {code: self.cleaned_data.get(f"description_{code}", "") for code, _n in LANGS}

    def indicators(self) -> list[dict]:
        out = []
        for i in range(self.indicator_rows):
            names = {code: self.cleaned_data.get(f"ind{i}_name_{code}", "") for code, _n in LANGS}
            if not any(names.values()):
                continue
            out.append(
                {
                    "key": self.cleaned_data.get(f"ind{i}_key") or None,
                    "names": names,
                    "unit": self.cleaned_data.get(f"ind{i}_unit", ""),
                    "baseline": self.cleaned_data.get(f"ind{i}_baseline"),
                    "target": self.cleaned_data.get(f"ind{i}_target"),
                    "target_date": self.cleaned_data.get(f"ind{i}_target_date"),
                }
            )
        return out


class CommentForm(common_forms.Form):
    body = forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ResolveForm(common_forms.Form):
    resolved = forms.ChoiceField(choices=[("1", _("Resolve")), ("0", _("Reopen"))])


class ReturnForm(common_forms.Form):
    note = forms.CharField(label=_("What should change"), widget=forms.Textarea(attrs={"rows": 3}))


class AdoptForm(common_forms.Form):
    reference = forms.CharField(label=_("Decision reference"), max_length=60)
    date = forms.DateField(label=_("Date of the decision"), widget=DATE)
    voting = forms.ChoiceField(label=_("How it was taken"), choices=VotingMethod.choices)
    votes_for = forms.IntegerField(label=_("Votes for"), required=False, min_value=0)
    votes_against = forms.IntegerField(label=_("Votes against"), required=False, min_value=0)
    abstentions = forms.IntegerField(label=_("Abstentions"), required=False, min_value=0)


class RoundForm(common_forms.Form):
    label = forms.CharField(label=_("Label"), max_length=120)
    opens_on = forms.DateField(label=_("Opens on"), widget=DATE)
    deadline = forms.DateField(label=_("Deadline"), widget=DATE)


class ReportForm(common_forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    progress_status = forms.ChoiceField(label=_("Status"), choices=ProgressStatus.choices)
    percent = forms.IntegerField(
        label=_("Percent complete"), min_value=0, max_value=100, required=False
    )
    narrative = forms.CharField(
        label=_("Narrative"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=10000,
    )

    def __init__(self, *args, indicators=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator_fields = []
        for ind in indicators:
            name = f"actual_{ind.pk}"
            self.fields[name] = forms.DecimalField(
                label=_("%(indicator)s — actual (target %(target)s)")
                % {"indicator": ind, "target": format(ind.target.normalize(), "f")},
                required=False,
            )
            self.indicator_fields.append((ind, name))

    def actuals(self) -> dict[int, object]:
        return {ind.pk: self.cleaned_data.get(name) for ind, name in self.indicator_fields}


class EvidenceForm(common_forms.Form):
    title = forms.CharField(label=_("Title"), required=False, max_length=200)
    file = forms.FileField(label=_("File"), required=False, validators=[uploads.validate_evidence])
    url = forms.URLField(label=_("or a link"), required=False, max_length=500)


class ReviewForm(common_forms.Form):
    decision = forms.ChoiceField(
        choices=[("validate", _("Validate")), ("return", _("Return for changes"))]
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ImportForm(common_forms.Form):
    file = forms.FileField(label=_("CSV or XLSX file"), validators=[uploads.validate_import])

    def clean_file(self):
        from .imports import MAX_BYTES

        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(mb)s MB; split it into smaller files.")
                % {"mb": MAX_BYTES // 2**20},
                code="file_too_large",
            )
        return upload
