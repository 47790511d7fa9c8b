"""Forms of the knowledge-hub pages. They parse and check the shape of the input; the rules of
the domain (who writes what, the review workflow) are the services' business."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django import forms
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _

from smenet.common import forms as common_forms
from smenet.common import uploads
from smenet.common.translation import translated
from smenet.registry.models import Country, Institution
from smenet.taxonomy.subjects import subject_label, subject_names

from .choices import AttachmentKind, Confidentiality, InterestStatus, PublicationKind
from .models import TEMPLATE_FIELDS, BestPracticeAttachment
from .validators import validate_upload

#: The languages of the interface; every form offers a version in each of them.
UI_LANGUAGES = ("ar", "en", "fr")
TEXT_FIELDS = ("title", *TEMPLATE_FIELDS)
LINK_ROWS = 3
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
ACCEPT = uploads.policy("publication").accept

SECTION_LABELS = {
    "title": _("Title"),
    "summary": _("Summary"),
    "problem": _("Problem addressed"),
    "approach": _("Approach"),
    "results": _("Results, with figures"),
    "lessons": _("Lessons learned"),
    "replication": _("How to replicate"),
    "body": _("Full text"),
}
SECTION_HELP = {
    "summary": _("Two or three sentences shown in the lists."),
    "problem": _("The situation of SMEs the practice answers."),
    "approach": _("What was done, by whom, with which means."),
    "results": _("What changed, with figures where you have them."),
    "lessons": _("What worked, what did not, what you would do differently."),
    "replication": _("What another institution needs to do the same."),
    "body": _("Anything else worth knowing (optional)."),
}


def language_name(code: str) -> str:
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


def text_direction(code: str) -> str:
    """The writing direction of content in ``code`` (auto for languages of several scripts)."""
    if code == "ar":
        return "rtl"
    return "ltr" if code in ("en", "fr") else "auto"


def upload_help() -> str:
    return str(
        _("PDF, office documents or images, up to %(limit)s MB.")
        % {"limit": uploads.policy("publication").max_bytes // 2**20}
    )


def institution_label(obj: Institution) -> str:
    name = translated(obj, "name")
    return f"{obj.acronym} — {name}" if name and name != obj.acronym else obj.acronym


def _require_original_title(form: forms.Form, data: dict[str, Any]) -> None:
    """The title in the original language is the one text a version cannot do without."""
    original = data.get("original_language")
    if original and not (data.get(f"title_{original}") or "").strip():
        form.add_error(
            f"title_{original}",
            _("Give the title in the original language (%(language)s).")
            % {"language": language_name(original)},
        )


class InstitutionChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Institution) -> str:
        return institution_label(obj)


def _subject_choices() -> list[tuple[str, str]]:
    lang = (get_language() or "en").split("-")[0]
    return sorted(
        ((code, subject_label(code, lang)) for code in subject_names()), key=lambda c: c[1]
    )


def _country_choices(countries: Iterable[Country]) -> list[tuple[str, str]]:
    lang = (get_language() or "en").split("-")[0]
    return [("", "—")] + [(c.iso3, translated(c, "name", lang) or c.iso3) for c in countries]


class BestPracticeForm(common_forms.Form):
    """The fixed template of a best practice, one set of text fields per language
    (``<field>_<lang>``), then the facts, links and an attachment."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    institution = InstitutionChoice(label=_("Institution"), queryset=None, required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    original_language = forms.ChoiceField(
        label=_("Original language"),
        help_text=_("The language the practice was first written in; its version is required."),
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1900, max_value=2100)
    subjects = forms.MultipleChoiceField(
        label=_("Subjects"), required=False, widget=forms.CheckboxSelectMultiple
    )
    contact = forms.CharField(
        label=_("Contact"),
        required=False,
        max_length=300,
        help_text=_("Who answers questions about this practice (name, e-mail)."),
    )
    attachment_file = forms.FileField(
        label=_("Add a file"), required=False, validators=[validate_upload]
    )
    attachment_title = forms.CharField(label=_("Title of the file"), required=False, max_length=200)
    attachment_kind = forms.ChoiceField(
        label=_("Type of file"), choices=AttachmentKind.choices, initial=AttachmentKind.DOCUMENT
    )
    remove_attachments = forms.TypedMultipleChoiceField(
        label=_("Remove these files"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self,
        *args: Any,
        institutions: Any,
        choose_institution: bool,
        choose_country: bool,
        countries: Iterable[Country] = (),
        languages: Sequence[str] = UI_LANGUAGES,
        attachments: Iterable[BestPracticeAttachment] = (),
        link_rows: int = LINK_ROWS,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.languages = list(dict.fromkeys([*UI_LANGUAGES, *languages]))
        self.choose_institution = choose_institution
        self.choose_country = choose_country
        self.institutions = institutions
        self.model_choice_field("institution").queryset = institutions
        self.fields["institution"].required = not choose_country
        if not choose_institution:
            del self.fields["institution"]
        if choose_country:
            self.choice_field("country").choices = _country_choices(countries)
            self.fields["country"].help_text = _("Empty: the country of the institution.")
        else:
            del self.fields["country"]
        self.choice_field("original_language").choices = [
            (code, language_name(code)) for code in self.languages
        ]
        self.choice_field("subjects").choices = _subject_choices()
        self.fields["attachment_file"].help_text = upload_help()
        self.fields["attachment_file"].widget.attrs["accept"] = ACCEPT
        self.attachments = list(attachments)
        if self.attachments:
            self.choice_field("remove_attachments").choices = [
                (a.pk, a.title or (a.file.name or "").rsplit("/", 1)[-1]) for a in self.attachments
            ]
        else:
            del self.fields["remove_attachments"]
        for code in self.languages:
            attrs = {"lang": code, "dir": text_direction(code)}
            for name in TEXT_FIELDS:
                label = SECTION_LABELS[name]
                if name == "title":
                    field: forms.Field = forms.CharField(
                        label=label, required=False, max_length=300, widget=forms.TextInput(attrs)
                    )
                else:
                    field = forms.CharField(
                        label=label,
                        required=False,
                        widget=forms.Textarea({**attrs, "rows": 2 if name == "summary" else 4}),
                        help_text=SECTION_HELP[name],
                    )
                self.fields[f"{name}_{code}"] = field
        self.link_rows = link_rows
        for i in range(link_rows):
            self.fields[f"link{i}_url"] = forms.URLField(
                label=_("Address"),
                required=False,
                max_length=500,
                widget=forms.URLInput({"dir": "ltr"}),
            )
            self.fields[f"link{i}_label"] = forms.CharField(
                label=_("Label"), required=False, max_length=200
            )

    # -- layout helpers for the template ------------------------------------------------------

    def language_groups(self) -> list[dict[str, Any]]:
        """One group of text fields per language, the original language first."""
        original = self.data.get("original_language") if self.is_bound else None
        original = original or self.initial.get("original_language") or "en"
        groups = []
        for code in sorted(self.languages, key=lambda c: (c != original, self.languages.index(c))):
            fields = [self[f"{name}_{code}"] for name in TEXT_FIELDS]
            groups.append(
                {
                    "code": code,
                    "name": language_name(code),
                    "original": code == original,
                    "fields": fields,
                    "open": code == original
                    or any(f.value() for f in fields)
                    or any(f.errors for f in fields),
                }
            )
        return groups

    def link_groups(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"link{i}_url"], self[f"link{i}_label"]) for i in range(self.link_rows)]

    def fact_fields(self) -> list[forms.BoundField]:
        names = ["institution", "country", "original_language", "year", "contact"]
        return [self[n] for n in names if n in self.fields]

    # -- checks and values --------------------------------------------------------------------

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        _require_original_title(self, data)
        for i in range(self.link_rows):
            if data.get(f"link{i}_label") and not data.get(f"link{i}_url"):
                self.add_error(f"link{i}_url", _("Give the address of this link."))
        if (
            self.choose_institution
            and self.choose_country
            and not data.get("institution")
            and not data.get("country")
        ):
            self.add_error("country", _("Choose the country, or an institution."))
        return data

    def texts(self, keep: Iterable[str] = ()) -> dict[str, dict[str, str]]:
        """``{field: {lang: text}}`` for the languages with any text, and for ``keep`` (the
        languages the practice has already, so that emptying one removes it)."""
        keep = set(keep)
        data = self.cleaned_data
        languages = [
            code
            for code in self.languages
            if code in keep or any((data.get(f"{n}_{code}") or "").strip() for n in TEXT_FIELDS)
        ]
        return {
            name: {code: (data.get(f"{name}_{code}") or "").strip() for code in languages}
            for name in TEXT_FIELDS
        }

    def links(self) -> list[dict[str, str]]:
        data = self.cleaned_data
        return [
            {"url": data[f"link{i}_url"], "label": (data.get(f"link{i}_label") or "").strip()}
            for i in range(self.link_rows)
            if data.get(f"link{i}_url")
        ]

    def field_for_error(self, key: str) -> str | None:
        """The form field of a service error key."""
        if key == "title":
            return f"title_{self.cleaned_data.get('original_language') or 'en'}"
        if key == "file":
            return "attachment_file"
        if key in ("url", "label", "links"):
            return "link0_url"
        return key if key in self.fields and not self.fields[key].widget.is_hidden else None


class ReturnForm(common_forms.Form):
    comment = forms.CharField(
        label=_("Comments for the authors"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        help_text=_("Say what should be changed before the practice can be published."),
        error_messages={"required": _("Say what should be changed.")},
    )


class InterestForm(common_forms.Form):
    institution = forms.TypedChoiceField(label=_("On behalf of"), coerce=int, required=False)
    message = forms.CharField(
        label=_("Message to the authors"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What you would like to replicate and who to contact."),
    )

    def __init__(self, *args: Any, institutions: Sequence[Institution] = (), **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.institutions = {i.pk: i for i in institutions}
        if len(self.institutions) > 1:
            field = self.choice_field("institution")
            field.choices = [(i.pk, institution_label(i)) for i in institutions]
            field.required = True
        else:
            del self.fields["institution"]

    def chosen_institution(self) -> Institution | None:
        pk = self.cleaned_data.get("institution")  # an int, or "" / None when not asked
        return self.institutions.get(pk) if isinstance(pk, int) else None


class InterestStatusForm(common_forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=InterestStatus.choices)


class PublicationForm(common_forms.Form):
    kind = forms.ChoiceField(label=_("Type"), choices=PublicationKind.choices)
    date = forms.DateField(label=_("Date"), widget=DATE)
    confidentiality = forms.ChoiceField(
        label=_("Confidentiality"),
        choices=Confidentiality.choices,
        help_text=_("Members-only files are downloaded by signed-in members only."),
    )
    original_language = forms.ChoiceField(label=_("Original language"))
    country = forms.ChoiceField(label=_("Country"), required=False)
    institution = InstitutionChoice(
        label=_("Institution"), queryset=Institution.objects.none(), required=False
    )
    source_url = forms.URLField(
        label=_("Source"), required=False, max_length=500, widget=forms.URLInput({"dir": "ltr"})
    )

    def __init__(
        self, *args: Any, institutions: Any = None, countries: Iterable[Country] = (), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.choice_field("original_language").choices = [
            (c, language_name(c)) for c in UI_LANGUAGES
        ]
        self.choice_field("country").choices = _country_choices(countries)
        if institutions is not None:
            self.model_choice_field("institution").queryset = institutions
        for code in UI_LANGUAGES:
            attrs = {"lang": code, "dir": text_direction(code)}
            self.fields[f"title_{code}"] = forms.CharField(
                label=_("Title (%(language)s)") % {"language": language_name(code)},
                required=False,
                max_length=300,
                widget=forms.TextInput(attrs),
            )
            self.fields[f"summary_{code}"] = forms.CharField(
                label=_("Summary (%(language)s)") % {"language": language_name(code)},
                required=False,
                widget=forms.Textarea({**attrs, "rows": 3}),
            )
            self.fields[f"file_{code}"] = forms.FileField(
                label=_("File (%(language)s)") % {"language": language_name(code)},
                required=False,
                validators=[validate_upload],
                help_text=upload_help(),
                widget=forms.FileInput({"accept": ACCEPT}),
            )

    def fact_fields(self) -> list[forms.BoundField]:
        names = ["kind", "date", "confidentiality", "original_language", "country", "institution"]
        return [self[n] for n in [*names, "source_url"]]

    def language_groups(self) -> list[dict[str, Any]]:
        return [
            {
                "code": code,
                "name": language_name(code),
                "fields": [self[f"{n}_{code}"] for n in ("title", "summary", "file")],
            }
            for code in UI_LANGUAGES
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        _require_original_title(self, data)
        if not any(data.get(f"file_{code}") for code in UI_LANGUAGES) and not any(
            f"file_{code}" in self.errors for code in UI_LANGUAGES
        ):
            self.add_error(
                f"file_{data.get('original_language') or 'en'}",
                _("Upload the file in at least one language."),
            )
        return data

    def texts(self) -> dict[str, dict[str, str]]:
        data = self.cleaned_data
        return {
            name: {
                code: (data.get(f"{name}_{code}") or "").strip()
                for code in UI_LANGUAGES
                if (data.get(f"{name}_{code}") or "").strip()
            }
            for name in ("title", "summary")
        }

    def uploads(self) -> dict[str, Any]:
        return {
            code: self.cleaned_data[f"file_{code}"]
            for code in UI_LANGUAGES
            if self.cleaned_data.get(f"file_{code}")
        }

    def field_for_error(self, key: str) -> str | None:
        if key == "title":
            return f"title_{self.cleaned_data.get('original_language') or 'en'}"
        if key == "files":
            return None
        return key if key in self.fields else None
