"""Forms of the directory's pages: the finder's filters, the guided questions, the service form.

Forms check shapes and offer choices; the rules (known codes, the cost, who may) are the
services' and come back as form errors on the field they name."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from smenet.common import forms as common_forms
from smenet.common import uploads
from smenet.common.translation import translations_dict

from . import reference
from .choices import CostKind, CrossBorder, ServiceStatus, SizeClass, Stage
from .models import TEXT_FIELDS, Service

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

UI_LANGUAGES = [code for code, _name in settings.LANGUAGES]
#: Languages offered as filters and answers (the network's nine working languages).
LANGUAGE_CHOICES: list[tuple[str, StrOrPromise]] = [
    ("ar", _("Arabic")),
    ("en", _("English")),
    ("fr", _("French")),
    ("tr", _("Turkish")),
    ("az", _("Azerbaijani")),
    ("ru", _("Russian")),
    ("id", _("Indonesian")),
    ("ms", _("Malay")),
    ("ur", _("Urdu")),
]
TEXT_LABELS = {
    "title": _("Title"),
    "summary": _("Summary"),
    "details": _("Details"),
    "documents": _("Documents needed"),
    "regions": _("Regions served"),
    "cost_note": _("About the cost"),
    "conditions": _("Conditions for SMEs of other member states"),
}


def _country_choices(countries: list[tuple[str, str]]) -> list[tuple[str, StrOrPromise]]:
    return [("", _("Any country")), *countries]


class FinderForm(common_forms.Form):
    """The public finder's filters (GET); unknown codes are form errors, never a 500."""

    q = forms.CharField(label=_("Words"), required=False, max_length=200)
    country = forms.ChoiceField(label=_("Country"), required=False)
    category = forms.ChoiceField(label=_("What is needed"), required=False)
    size = forms.ChoiceField(
        label=_("Size of the enterprise"),
        required=False,
        choices=[("", _("Any size"))] + list(SizeClass.choices),
    )
    sector = forms.ChoiceField(label=_("Sector (ISIC Rev. 4)"), required=False)
    stage = forms.ChoiceField(
        label=_("Stage"), required=False, choices=[("", _("Any stage"))] + list(Stage.choices)
    )
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("Any language")), *LANGUAGE_CHOICES],
    )
    cross_border = forms.BooleanField(
        label=_("Open to SMEs from other member states"), required=False
    )
    institution = forms.SlugField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, countries: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.choice_field("country").choices = _country_choices(countries)
        self.choice_field("category").choices = [
            ("", _("Any category")),
            *reference.category_choices(),
        ]
        self.choice_field("sector").choices = [("", _("Any sector")), *reference.sector_choices()]
        self.fields["q"].widget.attrs.update({"type": "search", "autocomplete": "off"})

    def filters(self) -> dict[str, str]:
        data = self.cleaned_data if self.is_valid() else {}
        out = {k: v for k, v in data.items() if v and k != "cross_border"}
        if data.get("cross_border"):
            out["cross_border"] = "open"
        return out


class GuideForm(common_forms.Form):
    """The guided mode's questions. Every answer is optional; a shared URL replays them."""

    country = forms.ChoiceField(label=_("Where is your enterprise registered?"), required=False)
    size = forms.ChoiceField(
        label=_("How large is it, as your country defines it?"),
        required=False,
        choices=[("", _("I do not know"))] + list(SizeClass.choices),
        widget=forms.RadioSelect,
    )
    sector = forms.ChoiceField(label=_("What is its main activity?"), required=False)
    stage = forms.ChoiceField(
        label=_("Where does it stand?"),
        required=False,
        choices=[("", _("Not sure"))] + list(Stage.choices),
        widget=forms.RadioSelect,
    )
    need = forms.MultipleChoiceField(
        label=_("What do you need?"), required=False, widget=forms.CheckboxSelectMultiple
    )
    language = forms.ChoiceField(
        label=_("In which language would you like to be served?"),
        required=False,
        choices=[("", _("Any language")), *LANGUAGE_CHOICES],
    )

    def __init__(self, *args: Any, countries: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.choice_field("country").choices = [
            ("", _("Choose a country")),
            *_country_choices(countries)[1:],
        ]
        self.choice_field("sector").choices = [("", _("Any sector")), *reference.sector_choices()]
        self.choice_field("need").choices = reference.category_choices()


class CodesField(forms.CharField):
    """A list of codes typed as text, separated by spaces, commas or semicolons (the text at
    most ``max_length`` characters: the length is checked before the split)."""

    def __init__(self, *args: Any, **kwargs: Any):
        kwargs.setdefault("max_length", 200)
        super().__init__(*args, **kwargs)

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        from django.core.validators import MaxLengthValidator

        from .tabular import split_list

        text = super().to_python(value) or ""
        if self.max_length is not None:
            MaxLengthValidator(self.max_length)(text)
        return split_list(text)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, (list, tuple)):
            return " ".join(value)
        return value


class ServiceForm(common_forms.Form):
    """Create or change a service. Texts come per language (Arabic, English, French here;
    other languages through the API or an import)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    institution = forms.ChoiceField(label=_("Institution"))
    category = forms.ChoiceField(label=_("Category"))
    original_language = forms.ChoiceField(
        label=_("Original language"),
        choices=[(c, n) for c, n in settings.LANGUAGES],
        help_text=_("The language the service is described in first."),
    )
    sizes = forms.MultipleChoiceField(
        label=_("For enterprises of size"),
        required=False,
        choices=SizeClass.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("As defined in your country. None ticked: every size."),
    )
    sectors = forms.MultipleChoiceField(
        label=_("For sectors (ISIC Rev. 4)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every sector."),
    )
    stages = forms.MultipleChoiceField(
        label=_("For stages"),
        required=False,
        choices=Stage.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every stage."),
    )
    languages = CodesField(
        label=_("Delivered in"),
        required=False,
        help_text=_("ISO 639-1 codes separated by spaces, such as: ar en fr."),
    )
    online = forms.BooleanField(label=_("Online"), required=False)
    in_person = forms.BooleanField(label=_("In person"), required=False)
    cost = forms.ChoiceField(
        label=_("Cost"),
        required=False,
        choices=[("", _("Not stated"))] + list(CostKind.choices),
        widget=forms.RadioSelect,
    )
    cost_amount = forms.DecimalField(
        label=_("Amount"), required=False, min_value=0, max_digits=14, decimal_places=2
    )
    cost_currency = forms.CharField(
        label=_("Currency"),
        required=False,
        max_length=3,
        help_text=_("ISO 4217, such as AZN, EUR or XOF."),
    )
    apply_url = forms.URLField(
        label=_("Where to apply (web address)"), required=False, max_length=500
    )
    apply_email = forms.EmailField(label=_("Contact e-mail"), required=False)
    apply_phone = forms.CharField(label=_("Contact telephone"), required=False, max_length=40)
    response_days = forms.IntegerField(
        label=_("Typical time to an answer, in days"), required=False, min_value=0, max_value=3650
    )
    cross_border = forms.ChoiceField(
        label=_("Open to SMEs of other member states"),
        choices=CrossBorder.choices,
        widget=forms.RadioSelect,
        initial=CrossBorder.NO,
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            (ServiceStatus.ACTIVE, ServiceStatus.ACTIVE.label),
            (ServiceStatus.SUSPENDED, ServiceStatus.SUSPENDED.label),
        ],
        initial=ServiceStatus.ACTIVE,
    )
    source_url = forms.URLField(label=_("Source"), required=False, max_length=500)

    FACT_FIELDS = ("institution", "category", "original_language", "status")
    ELIGIBILITY_FIELDS = ("sizes", "sectors", "stages")
    DELIVERY_FIELDS = ("languages", "online", "in_person")
    COST_FIELDS = ("cost", "cost_amount", "cost_currency")
    APPLY_FIELDS = ("apply_url", "apply_email", "apply_phone", "response_days")

    def __init__(
        self, *args: Any, institutions: Any, service: Service | None = None, **kwargs: Any
    ):
        if service is not None and "initial" not in kwargs:
            kwargs["initial"] = self.initial_for(service)
        super().__init__(*args, **kwargs)
        self.service = service
        self.choice_field("institution").choices = [(i.slug, i.acronym) for i in institutions]
        self.choice_field("category").choices = reference.category_choices()
        self.choice_field("sectors").choices = reference.sector_choices()
        for lang, _name in settings.LANGUAGES:
            for field in TEXT_FIELDS:
                widget = (
                    forms.Textarea(attrs={"rows": 3, "lang": lang, "dir": "auto"})
                    if field in ("summary", "details", "documents", "conditions")
                    else forms.TextInput(attrs={"lang": lang, "dir": "auto"})
                )
                limit = Service._parler_meta.root_model._meta.get_field(field).max_length
                self.fields[f"{field}_{lang}"] = forms.CharField(
                    label=TEXT_LABELS[field], required=False, widget=widget, max_length=limit
                )

    @staticmethod
    def initial_for(service: Service) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "version": service.version,
            "institution": service.institution.slug,
            "category": service.category,
            "original_language": service.original_language,
            "sizes": service.sizes,
            "sectors": service.sectors,
            "stages": service.stages,
            "languages": service.languages,
            "online": service.online,
            "in_person": service.in_person,
            "cost": service.cost,
            "cost_amount": service.cost_amount,
            "cost_currency": service.cost_currency,
            "apply_url": service.apply_url,
            "apply_email": service.apply_email,
            "apply_phone": service.apply_phone,
            "response_days": service.response_days,
            "cross_border": service.cross_border,
            "status": service.status,
            "source_url": service.source_url,
        }
        for field in TEXT_FIELDS:
            values = translations_dict(service, field)
            for lang in UI_LANGUAGES:
                initial[f"{field}_{lang}"] = values.get(lang, "")
        return initial

    def group(self, names: tuple[str, ...]) -> list[Any]:
        return [self[n] for n in names]

    def language_groups(self) -> list[dict[str, Any]]:
        original = self["original_language"].value() or "en"
        return [
            {
                "code": lang,
                "name": name,
                "original": lang == original,
                "open": lang == original
                or any(
                    self[f"{f}_{lang}"].value() or self[f"{f}_{lang}"].errors for f in TEXT_FIELDS
                ),
                "fields": [self[f"{f}_{lang}"] for f in TEXT_FIELDS],
            }
            for lang, name in settings.LANGUAGES
        ]

    def values(self) -> tuple[dict[str, dict[str, str]], dict[str, Any]]:
        data = self.cleaned_data
        texts = {
            field: {lang: data.get(f"{field}_{lang}", "") for lang in UI_LANGUAGES}
            for field in TEXT_FIELDS
        }
        fields = {
            name: data.get(name)
            for name in (
                "category",
                "original_language",
                "sizes",
                "sectors",
                "stages",
                "languages",
                "online",
                "in_person",
                "cost",
                "cost_amount",
                "cost_currency",
                "apply_url",
                "apply_email",
                "apply_phone",
                "response_days",
                "cross_border",
                "status",
                "source_url",
            )
        }
        fields["cost"] = fields["cost"] or ""
        fields["cost_currency"] = (fields["cost_currency"] or "").strip().upper()
        for name in ("apply_url", "apply_email", "apply_phone", "source_url"):
            fields[name] = fields[name] or ""
        return texts, fields


#: The steps a button on a service's page (or the review queue) may ask for.
STEP_NAMES = ("submit", "confirm", "publish", "archive", "restore", "return")


class StepForm(common_forms.StrictMixin, common_forms.Form):
    """A workflow button: which step, where to go back to, and the comments of a return. Bad
    input is refused before the step runs (a 400 page listing it), never a redirect."""

    step = forms.ChoiceField(label=_("Step"), choices=[(s, s) for s in STEP_NAMES])
    next = forms.CharField(required=False, max_length=500, widget=forms.HiddenInput)
    comment = forms.CharField(
        label=_("What should be changed"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("step") == "return" and not (cleaned.get("comment") or "").strip():
            self.add_error("comment", _("Say what should be changed."))
        return cleaned


class ImportForm(common_forms.Form):
    """A services file for the import job (the columns of ``smenet import services``); the
    upload policy of imports (``common.uploads``: CSV or XLSX by content, size cap)."""

    file = forms.FileField(
        label=_("CSV or XLSX file"),
        validators=[uploads.validate_import],
        widget=forms.ClearableFileInput(attrs={"accept": uploads.policy("import").accept}),
    )
