from django import forms
from django.utils.translation import gettext_lazy as _

from smenet.common import forms as common_forms
from smenet.registry.choices import InstitutionType, MembershipStatus


class MemberFilterForm(common_forms.Form):
    q = forms.CharField(label=_("Name or acronym"), required=False, max_length=200)
    country = forms.ChoiceField(label=_("Country"), required=False)
    oic_group = forms.ChoiceField(label=_("OIC group"), required=False)
    type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("All types")), *InstitutionType.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *MembershipStatus.choices],
    )

    def __init__(self, *args, countries=(), regions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("All countries"))] + [
            (c.iso3, str(c)) for c in countries
        ]
        self.fields["oic_group"].choices = [("", _("All groups"))] + [
            (r.code, str(r)) for r in regions
        ]


class InstitutionProfileForm(common_forms.Form):
    """What a focal point keeps up to date about its own institution."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    name_ar = forms.CharField(label=_("Name in Arabic"), required=False, max_length=300)
    name_en = forms.CharField(label=_("Name in English"), required=False, max_length=300)
    name_fr = forms.CharField(label=_("Name in French"), required=False, max_length=300)
    native_name = forms.CharField(
        label=_("Name in the national language"), required=False, max_length=300
    )
    description_ar = forms.CharField(
        label=_("Description in Arabic"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    description_en = forms.CharField(
        label=_("Description in English"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    description_fr = forms.CharField(
        label=_("Description in French"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    website = forms.URLField(label=_("Website"), required=False, max_length=300)
    email = forms.EmailField(label=_("Contact e-mail"), required=False)
    phone = forms.CharField(label=_("Telephone"), required=False, max_length=40)

    def clean(self):
        data = super().clean()
        if not any(data.get(f"name_{code}") for code in ("ar", "en", "fr")):
            raise forms.ValidationError(_("Give the name in at least one language."))
        return data
