from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from smenet.common import forms as common_forms
from smenet.registry.models import Country

from .choices import ActionStatus

LANGUAGE_CHOICES = [("ar", _("Arabic")), ("en", _("English")), ("fr", _("French"))]


class NominationForm(common_forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"))
    function = forms.CharField(label=_("Function"), max_length=200, required=False)
    nationality = forms.ModelChoiceField(
        label=_("Nationality"),
        queryset=Country.objects.order_by("iso3"),
        to_field_name="iso3",
        required=False,
    )
    passport_number = forms.CharField(
        label=_("Passport number"),
        max_length=30,
        required=False,
        help_text=_("Only needed for a visa-support letter."),
    )
    language = forms.ChoiceField(label=_("Language of correspondence"), choices=LANGUAGE_CHOICES)

    def __init__(self, *args, institutions=None, **kwargs):
        super().__init__(*args, **kwargs)
        if institutions is not None and len(institutions) > 1:
            self.fields["institution"] = forms.ChoiceField(
                label=_("Institution"), choices=[(i.pk, i.acronym) for i in institutions]
            )


class RegistrationForm(common_forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"))
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    function = forms.CharField(label=_("Function"), max_length=200, required=False)
    language = forms.ChoiceField(label=_("Language of correspondence"), choices=LANGUAGE_CHOICES)


class MinutesDraftForm(common_forms.Form):
    text = forms.CharField(
        label=_("Text of the minutes"), widget=forms.Textarea(attrs={"rows": 14}), max_length=200000
    )
    note = forms.CharField(label=_("What changed"), max_length=300, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class CirculateForm(common_forms.Form):
    deadline = forms.DateTimeField(
        label=_("Comments until (UTC)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"],
    )


class CommentForm(common_forms.Form):
    text = forms.CharField(
        label=_("Your comment"), widget=forms.Textarea(attrs={"rows": 4}), max_length=10000
    )
    is_objection = forms.BooleanField(
        label=_("I object to adopting these minutes as they stand"), required=False
    )


class FollowUpStatusForm(common_forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)
    version = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=1, max_value=2_147_483_647
    )
    next = forms.CharField(widget=forms.HiddenInput, required=False, max_length=2000)


# The buttons of a step (a hidden field and a named button): a tampered value is a 400 naming
# the field, and nothing is written.


class ParticipantDecisionForm(common_forms.Form):
    action = forms.ChoiceField(
        label=_("Decision"), choices=[("approve", _("Approve")), ("refuse", _("Refuse"))]
    )
    participant = forms.IntegerField(
        label=_("Participant"), widget=forms.HiddenInput, min_value=1, max_value=2_147_483_647
    )


class MinutesAdoptForm(common_forms.Form):
    at_meeting = forms.SlugField(label=_("Adopted at"), required=False, max_length=80)


class RegisterFilterForm(common_forms.Form):
    FOLLOW_UP = [
        ("", _("Any")),
        ("open", _("Open actions")),
        ("overdue", _("Overdue actions")),
        ("done", _("All actions done")),
        ("none", _("No follow-up")),
    ]
    body = forms.ChoiceField(label=_("Body"), required=False)
    meeting = forms.ChoiceField(label=_("Meeting"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    follow_up = forms.ChoiceField(label=_("Follow-up"), choices=FOLLOW_UP, required=False)

    def __init__(self, *args, bodies=(), meetings=(), years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].choices = [("", _("All bodies")), *bodies]
        self.fields["meeting"].choices = [("", _("All meetings")), *meetings]
        self.fields["year"].choices = [("", _("All years")), *[(y, str(y)) for y in years]]
