from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from smenet.common import forms as common_forms
from smenet.common import uploads
from smenet.common.translation import translated
from smenet.services_directory.forms import LANGUAGE_CHOICES, CodesField
from smenet.taxonomy.subjects import subject_label, subject_names

from .choices import Availability, ExpertRole, Listing, Vetting
from .models import CONSENT_FIELDS, Expert

LEVELS = [("", "—"), ("1", _("1 — basic")), ("2", _("2 — good")), ("3", _("3 — advanced"))]
CONSENT_LABELS = {
    "institution": _("My institution"),
    "languages": _("The languages I work in"),
    "countries": _("The countries I have experience of"),
    "summary": _("My short profile"),
    "contact": _("My e-mail address and telephone"),
    "cv": _("My CV"),
    "availability": _("My availability"),
}


class ExpertFilterForm(common_forms.Form):
    subject = forms.ChoiceField(label=_("Subject"), required=False)
    language = forms.ChoiceField(
        label=_("Language"), required=False, choices=[("", _("Any language")), *LANGUAGE_CHOICES]
    )
    country = forms.ChoiceField(label=_("Country of experience"), required=False)
    q = forms.CharField(label=_("Name"), required=False, max_length=100)

    def __init__(self, *args: Any, countries: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        lang = (get_language() or "en").split("-")[0]
        self.choice_field("subject").choices = [("", _("Any subject"))] + [
            (code, subject_label(code, lang)) for code in subject_names()
        ]
        self.choice_field("country").choices = [("", _("Any country"))] + [
            (c.iso3, translated(c, "name") or c.iso3) for c in countries
        ]


class ExpertForm(common_forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    institution = forms.ChoiceField(label=_("Institution"), required=False)
    email = forms.EmailField(label=_("E-mail address"), required=False)
    phone = forms.CharField(label=_("Telephone"), required=False, max_length=40)
    summary = forms.CharField(
        label=_("Short profile"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
    )
    summary_language = forms.ChoiceField(
        label=_("Language of the profile"), required=False, choices=[("", "—"), *LANGUAGE_CHOICES]
    )
    cv = forms.FileField(
        label=_("CV"),
        required=False,
        help_text=_("PDF or word-processor document, 5 MB at most."),
        validators=[uploads.validate_cv],
        widget=forms.ClearableFileInput(attrs={"accept": uploads.policy("cv").accept}),
    )
    languages = CodesField(
        label=_("Working languages"),
        required=False,
        help_text=_("ISO 639-1 codes separated by spaces, such as: ar en fr."),
    )
    countries = forms.MultipleChoiceField(
        label=_("Countries of experience"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    availability = forms.ChoiceField(label=_("Availability"), choices=Availability.choices)
    availability_note = forms.CharField(
        label=_("About availability"), required=False, max_length=300
    )

    def __init__(
        self,
        *args: Any,
        institutions: Any,
        countries: Any,
        expert: Expert | None = None,
        **kwargs: Any,
    ):
        if expert is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "version": expert.version,
                "full_name": expert.full_name,
                "institution": expert.institution.slug if expert.institution else "",
                "email": expert.email,
                "phone": expert.phone,
                "summary": expert.summary,
                "summary_language": expert.summary_language,
                "languages": [r.code for r in expert.language_rows.all()],
                "countries": [c.iso3 for c in expert.countries.all()],
                "availability": expert.availability,
                "availability_note": expert.availability_note,
                **{f"subject_{s.code}": str(s.level) for s in expert.subjects.all()},
            }
        super().__init__(*args, **kwargs)
        self.institution_list = list(institutions)
        self.country_list = list(countries)
        self.choice_field("institution").choices = [("", "—")] + [
            (i.slug, i.acronym) for i in self.institution_list
        ]
        self.choice_field("countries").choices = [
            (c.iso3, translated(c, "name") or c.iso3) for c in self.country_list
        ]
        lang = (get_language() or "en").split("-")[0]
        self.subject_fields = []
        for code in subject_names():
            name = f"subject_{code}"
            self.fields[name] = forms.ChoiceField(
                label=subject_label(code, lang), required=False, choices=LEVELS
            )
            self.subject_fields.append(name)

    def subjects(self) -> list[Any]:
        return [self[n] for n in self.subject_fields]

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        slug = data.get("institution")
        institution = next((i for i in self.institution_list if i.slug == slug), None)
        countries = [c for c in self.country_list if c.iso3 in set(data.get("countries") or [])]
        values = {
            "full_name": data["full_name"],
            "institution": institution,
            "email": data.get("email") or "",
            "phone": data.get("phone") or "",
            "summary": data.get("summary") or "",
            "summary_language": data.get("summary_language") or "",
            "availability": data["availability"],
            "availability_note": data.get("availability_note") or "",
            "languages": data.get("languages") or [],
            "countries": countries,
            "subjects": {
                n.removeprefix("subject_"): int(data[n]) for n in self.subject_fields if data.get(n)
            },
        }
        if data.get("cv"):
            values["cv"] = data["cv"]
        return values


class ConsentForm(common_forms.Form):
    listing = forms.ChoiceField(
        label=_("Who may see my listing"),
        choices=[(Listing.MEMBERS, Listing.MEMBERS.label), (Listing.PUBLIC, Listing.PUBLIC.label)],
        widget=forms.RadioSelect,
        initial=Listing.MEMBERS,
    )
    show = forms.MultipleChoiceField(
        label=_("What my listing may show (besides my name and expertise)"),
        required=False,
        choices=[(p, CONSENT_LABELS[p]) for p in CONSENT_FIELDS],
        widget=forms.CheckboxSelectMultiple,
    )


class WithdrawForm(common_forms.StrictMixin, common_forms.Form):
    """The withdrawal's own form: it takes nothing but itself (the consent form's choices are
    not posted with it)."""

    withdraw = forms.ChoiceField(choices=[("1", "1")], widget=forms.HiddenInput, initial="1")


class VetForm(common_forms.StrictMixin, common_forms.Form):
    vetting = forms.ChoiceField(label=_("Vetting"), choices=Vetting.choices)


class ActivityExpertsForm(common_forms.Form):
    """One role choice per nameable expert ("not named" leaves them out)."""

    def __init__(self, *args: Any, experts: Any, current: dict[int, str], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.experts = list(experts)
        for expert in self.experts:
            self.fields[f"expert_{expert.pk}"] = forms.ChoiceField(
                label=expert.full_name,
                required=False,
                choices=[("", _("Not named"))] + list(ExpertRole.choices),
                initial=current.get(expert.pk, ""),
            )

    def chosen(self) -> dict[Any, str]:
        return {
            e: self.cleaned_data[f"expert_{e.pk}"]
            for e in self.experts
            if self.cleaned_data.get(f"expert_{e.pk}")
        }


UI_LANGUAGES = [code for code, _name in settings.LANGUAGES]
