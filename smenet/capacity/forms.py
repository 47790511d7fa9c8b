"""Forms of the capacity pages. They parse and check the shape of the input; the rules of the
domain (ranges of codes, quotas, the lifecycle) are the services' business."""

from __future__ import annotations

import datetime
import re
import zoneinfo
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smenet.common import forms as common_forms
from smenet.common.languages import UNKNOWN_CODE, bad_language_codes
from smenet.common.translation import translated
from smenet.taxonomy.models import Subject

from .choices import ActivityStatus, Format, Gender
from .models import Answer, Nomination

LEVELS = [(0, "0"), (1, "1"), (2, "2"), (3, "3")]
SCORES = [(n, str(n)) for n in range(1, 6)]
REPORT_LANGUAGES = [("ar", _("Arabic")), ("en", _("English")), ("fr", _("French"))]

ANSWER_COLUMNS: list[tuple[str, Any]] = [
    ("need", _("Need (0–3)")),
    ("desired_level", _("Desired level (0–3)")),
    ("preferred_formats", _("Preferred formats")),
    ("capacity_level", _("Capacity level (0–3)")),
    ("capacity_formats", _("Formats it can deliver")),
    ("delivery_languages", _("Languages of delivery")),
    ("max_activities", _("Most activities in the cycle")),
    ("max_participants", _("Most participants")),
    ("cost_sharing", _("Cost-sharing")),
    ("contact_expert", _("Contact expert")),
]


class LanguageCodesField(forms.CharField):
    """ISO 639-1 codes typed as a list: "ar, en, fr"."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 100)
        kwargs.setdefault(
            "help_text", _("ISO 639-1 codes separated by commas, for example: ar, en, fr")
        )
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("dir", "ltr")

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list | tuple):
            return ", ".join(value)
        return value

    # A list, not CharField's text: the field parses the text it shows (as Django's own
    # ModelMultipleChoiceField narrows ChoiceField's to_python).
    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        return sorted({part.strip().lower() for part in re.split(r"[,\s;]+", text) if part.strip()})

    def validate(self, value: list[str]) -> None:
        if self.required and not value:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        bad = bad_language_codes(value)
        if bad:
            raise forms.ValidationError(
                UNKNOWN_CODE,
                code="invalid",
                params={"code": bad[0]},
            )

    def has_changed(self, initial: Any, data: Any) -> bool:
        if self.disabled:
            return False
        return sorted(initial or []) != self.to_python(data)


def _level(label: Any) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(label=label, choices=LEVELS, coerce=int, initial=0)


def _formats(label: Any) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=Format.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


@dataclass
class AnswerRow:
    subject: Subject
    fields: list[forms.BoundField]


class ResponseForm(common_forms.Form):
    """The questionnaire: one row of fields per subject (named ``<code>__<field>``), then the
    institution's working languages and the most activities it wants to receive."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    languages = LanguageCodesField(label=_("Working languages"))
    max_received = forms.IntegerField(
        label=_("Most activities to receive in the cycle"),
        required=False,
        min_value=0,
        help_text=_("Empty: no limit."),
    )

    def __init__(
        self,
        *args: Any,
        subjects: Sequence[Subject],
        answers: Iterable[Answer] = (),
        disabled: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.subjects = list(subjects)
        existing = {a.subject_id: a for a in answers}
        for subject in self.subjects:
            answer = existing.get(subject.pk) or Answer(subject=subject)
            for name, label in ANSWER_COLUMNS:
                key = f"{subject.code}__{name}"
                if name in ("need", "desired_level", "capacity_level"):
                    field: forms.Field = _level(label)
                elif name in ("preferred_formats", "capacity_formats"):
                    field = _formats(label)
                elif name == "delivery_languages":
                    field = LanguageCodesField(label=label, help_text="")
                    field.widget.attrs["placeholder"] = "ar, en, fr"
                    field.widget.attrs["size"] = 8
                elif name == "max_activities":
                    field = forms.IntegerField(
                        label=label, min_value=0, max_value=999, required=False
                    )
                elif name == "max_participants":
                    field = forms.IntegerField(
                        label=label, min_value=0, max_value=9999, required=False
                    )
                else:
                    field = forms.CharField(
                        label=label,
                        max_length=300 if name == "cost_sharing" else 200,
                        required=False,
                    )
                if isinstance(field, forms.IntegerField):
                    field.widget.attrs["size"] = 4
                field.initial = getattr(answer, name)
                field.disabled = disabled
                self.fields[key] = field
        if disabled:
            for name in ("languages", "max_received"):
                self.fields[name].disabled = True

    def rows(self) -> list[AnswerRow]:
        return [
            AnswerRow(
                subject=subject,
                fields=[self[f"{subject.code}__{name}"] for name, _label in ANSWER_COLUMNS],
            )
            for subject in self.subjects
        ]

    def changed_answers(self) -> dict[str, dict[str, Any]]:
        """Only the subjects whose answers changed (a partial save)."""
        changed = set(self.changed_data)
        result: dict[str, dict[str, Any]] = {}
        for subject in self.subjects:
            keys = [f"{subject.code}__{name}" for name, _label in ANSWER_COLUMNS]
            if not changed.intersection(keys):
                continue
            row = {}
            for name, _label in ANSWER_COLUMNS:
                value = self.cleaned_data[f"{subject.code}__{name}"]
                if name == "max_activities" and value is None:
                    value = 0
                if name in ("cost_sharing", "contact_expert"):
                    value = value or ""
                if name in ("preferred_formats", "capacity_formats"):
                    value = sorted(value)
                row[name] = value
            result[subject.code] = row
        return result

    def field_for_error(self, key: str) -> str | None:
        """The form field of a service error key (``answers.<code>.<field>`` or a plain name)."""
        if key.startswith("answers."):
            parts = key.split(".")
            if len(parts) == 3:
                name = f"{parts[1]}__{parts[2]}"
                return name if name in self.fields else None
            return None
        return key if key in self.fields else None


class CycleForm(common_forms.Form):
    code = forms.SlugField(label=_("Code"), max_length=40, help_text=_("For example: 2026"))
    title_en = forms.CharField(label=_("Title in English"), max_length=200)
    title_ar = forms.CharField(label=_("Title in Arabic"), max_length=200, required=False)
    title_fr = forms.CharField(label=_("Title in French"), max_length=200, required=False)
    opens_on = forms.DateField(label=_("Opens on"), widget=forms.DateInput(attrs={"type": "date"}))
    closes_on = forms.DateField(
        label=_("Closes on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    institutions = forms.MultipleChoiceField(
        label=_("Institutions asked"), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, institutions: Sequence[Any] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.institution_objects = {str(i.pk): i for i in institutions}
        self.choice_field("institutions").choices = [
            (str(i.pk), f"{i.acronym} — {translated(i, 'name')}") for i in institutions
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        opens, closes = data.get("opens_on"), data.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", _("The closing date is before the opening date."))
        return data

    def chosen_institutions(self) -> list[Any]:
        return [self.institution_objects[pk] for pk in self.cleaned_data["institutions"]]


class ActivityFilterForm(common_forms.Form):
    subject = forms.ChoiceField(label=_("Subject"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(
        self,
        *args: Any,
        subjects: Iterable[Subject] = (),
        countries: Iterable[Any] = (),
        statuses: Iterable[tuple[str, Any]] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.choice_field("subject").choices = [("", _("All subjects"))] + [
            (s.code, translated(s, "name") or s.code) for s in subjects
        ]
        self.choice_field("country").choices = [("", _("All countries"))] + [
            (c.iso3, translated(c, "name") or c.iso3) for c in countries
        ]
        self.choice_field("status").choices = [("", _("All statuses")), *statuses]


class ReportFilterForm(common_forms.Form):
    cycle = forms.ChoiceField(label=_("Cycle"), required=False)

    def __init__(self, *args: Any, cycles: Iterable[Any] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choice_field("cycle").choices = [("", _("All cycles"))] + [
            (c.code, c.code) for c in cycles
        ]


class MatchingForm(common_forms.Form):
    require_common_language = forms.BooleanField(
        label=_("Provider and beneficiary must share a language"), required=False, initial=True
    )
    allow_same_country = forms.BooleanField(
        label=_("Allow matches within the same country"), required=False, initial=False
    )


def _time_zones() -> list[tuple[str, str]]:
    return [(name, name) for name in sorted(zoneinfo.available_timezones())]


class TransitionForm(common_forms.Form):
    """Move the activity along its lifecycle; the chosen button names the next status."""

    to = forms.ChoiceField(label=_("New status"), choices=ActivityStatus.choices)
    reason = forms.CharField(
        label=_("Reason (for cancelling or postponing)"), max_length=300, required=False
    )
    starts_at = forms.DateTimeField(
        label=_("Starts at"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    ends_at = forms.DateTimeField(
        label=_("Ends at"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    time_zone = forms.ChoiceField(label=_("Time zone"), required=False)
    format = forms.ChoiceField(label=_("Format"), choices=Format.choices, required=False)
    venue = forms.CharField(label=_("Venue"), max_length=300, required=False)
    online_link = forms.URLField(
        label=_("Online link"),
        max_length=500,
        required=False,
        widget=forms.URLInput(attrs={"dir": "ltr"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choice_field("time_zone").choices = _time_zones()

    def _localise(self, value: datetime.datetime | None, zone: str) -> datetime.datetime | None:
        """The dates are typed in the activity's time zone, not the server's."""
        if value is None:
            return None
        naive = timezone.make_naive(value) if timezone.is_aware(value) else value
        return naive.replace(tzinfo=zoneinfo.ZoneInfo(zone))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        zone = data.get("time_zone") or "UTC"
        for name in ("starts_at", "ends_at"):
            if data.get(name):
                data[name] = self._localise(data[name], zone)
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] < data["starts_at"]:
            self.add_error("ends_at", _("The end is before the start."))
        return data

    def schedule(self) -> dict[str, Any]:
        data = self.cleaned_data
        values: dict[str, Any] = {}
        for name in ("starts_at", "ends_at", "venue", "online_link", "format", "time_zone"):
            if data.get(name):
                values[name] = data[name]
        return values


class NominationForm(common_forms.Form):
    institution = forms.ChoiceField(label=_("Institution"))
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    position = forms.CharField(label=_("Position"), max_length=200, required=False)
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices)
    email = forms.EmailField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"dir": "ltr"})
    )

    def __init__(self, *args: Any, institutions: Sequence[Any] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.institution_objects = {str(i.pk): i for i in institutions}
        self.choice_field("institution").choices = [(str(i.pk), i.acronym) for i in institutions]
        if len(institutions) == 1:
            self.fields["institution"].initial = str(institutions[0].pk)


class AttendanceForm(common_forms.Form):
    def __init__(self, *args: Any, nominations: Sequence[Nomination] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.nominations = list(nominations)
        for nomination in self.nominations:
            self.fields[f"attended_{nomination.pk}"] = forms.BooleanField(
                label=nomination.full_name, required=False, initial=bool(nomination.attended)
            )

    def attendance(self) -> dict[int, bool]:
        return {n.pk: bool(self.cleaned_data.get(f"attended_{n.pk}")) for n in self.nominations}


class ActivityReportForm(common_forms.Form):
    outputs = forms.CharField(
        label=_("Outputs"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What the activity produced: participants trained, materials, follow-up."),
    )
    language = forms.ChoiceField(label=_("Language of the report"), choices=REPORT_LANGUAGES)


class EvaluationForm(common_forms.Form):
    relevance = forms.TypedChoiceField(
        label=_("Relevance to your work (1–5)"),
        choices=SCORES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    quality = forms.TypedChoiceField(
        label=_("Quality of the activity (1–5)"),
        choices=SCORES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    usefulness = forms.TypedChoiceField(
        label=_("Usefulness for your institution (1–5)"),
        choices=SCORES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    comments = forms.CharField(
        label=_("Comments"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=4000,
    )
