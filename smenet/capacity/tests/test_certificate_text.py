"""What a certificate says, in the language the holder chose (issue 11 §8–9): Arabic grammar
that agrees with the holder, the Arabic comma between providers, languages named, not coded."""

from __future__ import annotations

import re
import subprocess
import tempfile

import pytest

from smenet.capacity import services

from .test_pages import AFTER, clock, move  # noqa: F401 - clock: the pages' frozen day


@pytest.fixture
def holder(world, time_machine):
    """A woman who attended an activity given by two institutions."""
    activity = services.activity_create(
        actor=world["secretariat"],
        type=world["type"],
        subject=world["finance"],
        titles={"en": "Credit guarantees", "ar": "ضمانات القروض", "fr": "Garanties"},
        providers=[world["a"], world["c"]],
        beneficiaries=[world["b"]],
        languages=["en"],
        participants_per_beneficiary=1,
        cycle=world["cycle"],
    )
    move(activity, world, "agreed", "scheduled", "nominations_open")
    nomination = services.nomination_create(
        actor=world["fb"],
        activity=activity,
        institution=world["b"],
        full_name="Leyla Aliyeva",
        gender="female",
        email="leyla@example.org",
    )
    time_machine.move_to(AFTER, tick=False)
    services.attendance_record(
        actor=world["secretariat"], activity=activity, attended={nomination.pk: True}
    )
    move(activity, world, "delivered")
    return nomination


def pdf_text(content: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(content)
        f.flush()
        text = subprocess.run(
            ["pdftotext", f.name, "-"], capture_output=True, text=True, check=True
        ).stdout
    return re.sub("[\u202a-\u202e\u2066-\u2069]", "", text)  # poppler's direction marks


def test_the_arabic_certificate_agrees_with_its_holder_and_uses_the_arabic_comma(
    client, world, holder
):
    client.force_login(world["fb"])
    url = f"/capacity/activities/{holder.activity.reference}/certificates/{holder.pk}.pdf"
    text = pdf_text(client.get(url, {"lang": "ar"}).content)
    assert "حضرت" in text.split()  # she attended (not «حضر», he attended)
    providers = next(line for line in text.splitlines() if "AAA" in line)
    assert "CCC" in providers and "،" in providers and "," not in providers
    french = pdf_text(client.get(url, {"lang": "fr"}).content)
    assert "a assisté" in french


def test_the_activity_page_names_the_certificate_languages(client, world, holder):
    client.force_login(world["fb"])
    html = client.get(f"/ar/capacity/activities/{holder.activity.reference}/").content.decode()
    assert "PDF (ar)" not in html and "(fr)" not in html
    assert "العربية" in html and "الفرنسية" in html
