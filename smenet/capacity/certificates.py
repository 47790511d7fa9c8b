"""Certificates of attendance as PDF (WeasyPrint), in Arabic, English or French.

Arabic certificates are laid out right to left. Fonts come from the system (fontconfig: Noto
Naskh Arabic and Noto Sans from fonts-noto-core) and are embedded in the PDF.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import translation

from smenet.common.errors import DomainError

from .choices import ActivityStatus
from .models import Nomination

LANGUAGES = ("ar", "en", "fr")
# A certificate says the person attended: only once the activity has taken place, which
# activity_transition checks against the calendar before it allows "delivered" (decision 0021).
CERTIFIED = {ActivityStatus.DELIVERED, ActivityStatus.REPORTED, ActivityStatus.CLOSED}


def certificate_pdf(*, nomination: Nomination, lang: str) -> bytes:
    from django.utils.translation import gettext as _
    from weasyprint import HTML

    if lang not in LANGUAGES:
        raise DomainError(
            _("Certificates are available in Arabic, English and French."), field="lang"
        )
    if nomination.attended is not True:
        raise DomainError(
            _("A certificate is only issued to a participant who attended."), code="not_attended"
        )
    activity = nomination.activity
    if activity.status not in CERTIFIED or activity.last_day is None:
        raise DomainError(
            _("Certificates are issued once the activity is delivered."), code="not_delivered"
        )
    with translation.override(lang):
        html = render_to_string(
            "capacity_pdf/certificate.html",
            {
                "nomination": nomination,
                "activity": activity,
                "providers": list(activity.providers.all()),
                "lang": lang,
                "direction": "rtl" if translation.get_language_bidi() else "ltr",
            },
        )
    return HTML(string=html).write_pdf()
