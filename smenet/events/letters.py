"""Invitation letters (with the visa-support paragraph a delegate needs) as PDF, in Arabic,
English or French, rendered by WeasyPrint like the capacity certificates.

Fonts come from the system (fontconfig: Noto Naskh Arabic and Noto Sans, fonts-noto-core) and are
embedded; a missing Arabic font would give boxes without any warning, so the test checks the
embedded fonts with ``pdffonts``."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from smenet.common.errors import Conflict, DomainError

from .choices import MeetingStatus, ParticipantStatus
from .formatting import hijri, meeting_when
from .models import Participant

LANGUAGES = ("ar", "en", "fr")


def invitation_letter_pdf(*, participant: Participant, lang: str) -> bytes:
    from weasyprint import HTML

    if lang not in LANGUAGES:
        raise DomainError(_("Letters are available in Arabic, English and French."), field="lang")
    if participant.status != ParticipantStatus.APPROVED:
        raise Conflict(
            _("A letter is issued once the Secretariat has approved the participant."),
            code="not_approved",
        )
    meeting = participant.meeting
    if meeting.status == MeetingStatus.CANCELLED:
        raise Conflict(_("The meeting was cancelled."), code="wrong_status")
    with translation.override(lang):
        html = render_to_string(
            "events_pdf/invitation_letter.html",
            {
                "participant": participant,
                "meeting": meeting,
                "when": meeting_when(meeting, lang=lang),
                "hijri": hijri(meeting.local_start) if lang == "ar" else "",
                "today": timezone.localdate(),
                "hijri_today": hijri(timezone.localdate()) if lang == "ar" else "",
                "lang": lang,
                "direction": "rtl" if translation.get_language_bidi() else "ltr",
            },
        )
    return HTML(string=html).write_pdf()
