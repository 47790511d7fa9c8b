"""Guards that keep the project honest: migrations, catalogues, API schema, settings."""

import gettext
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[3]
LOCALE = ROOT / "smenet" / "locale"
SNAPSHOT = ROOT / "smenet" / "api" / "tests" / "openapi.snapshot.yaml"


@pytest.mark.django_db
def test_no_missing_migrations():
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exc:
        pytest.fail(f"Missing migrations:\n{out.getvalue()}\n(exit {exc.code})")


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_catalogue_is_complete_and_compiled(lang):
    po_path = LOCALE / lang / "LC_MESSAGES" / "django.po"
    with po_path.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    with (po_path.with_suffix(".mo")).open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    untranslated, stale = [], []
    for message in catalog:
        if not message.id:
            continue
        if message.fuzzy or not (
            message.string if isinstance(message.string, str) else all(message.string)
        ):
            untranslated.append(message.id)
            continue
        if isinstance(message.id, str):
            found = (
                compiled.pgettext(message.context, message.id)
                if message.context
                else compiled.gettext(message.id)
            )
            if found != message.string:
                stale.append(message.id)
        elif (
            compiled.ngettext(message.id[0], message.id[1], 1)
            != message.string[1 if lang == "ar" else 0]
        ):
            stale.append(message.id[0])
    assert not untranslated, f"{lang}: untranslated {untranslated[:10]}"
    assert not stale, f"{lang}: .mo older than .po for {stale[:10]} — run make compile-messages"


def test_every_template_string_is_in_the_catalogue():
    """A new {% translate %} that nobody extracted would show in English on the Arabic site."""
    import re

    with (LOCALE / "ar" / "LC_MESSAGES" / "django.po").open("rb") as handle:
        ids = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle)}
    pattern = re.compile(r"""{%\s*(?:translate|trans)\s+(?:"([^"]+)"|'([^']+)')""")
    missing, seen = [], 0
    for template in (ROOT / "smenet").rglob("templates/**/*.html"):
        for double, single in pattern.findall(template.read_text(encoding="utf-8")):
            seen += 1
            if (double or single) not in ids:
                missing.append(f"{template.name}: {double or single}")
    assert seen > 500, f"the pattern finds the {{% translate %}} tags ({seen} found)"
    assert not missing, "Run make messages: " + "; ".join(missing[:10])


@pytest.mark.django_db
def test_openapi_schema_matches_the_snapshot():
    """Fails when the API's contract changes by accident. After an intended change:
    SMENET_UPDATE_SNAPSHOTS=1 make test PYTEST_ARGS=-ktest_openapi."""
    out = StringIO()
    call_command("spectacular", "--validate", "--lang", "en", stdout=out)
    schema = out.getvalue()
    if os.environ.get("SMENET_UPDATE_SNAPSHOTS"):
        SNAPSHOT.write_text(schema, encoding="utf-8")
    assert SNAPSHOT.exists(), "No snapshot yet: run with SMENET_UPDATE_SNAPSHOTS=1"
    assert schema == SNAPSHOT.read_text(encoding="utf-8"), "The OpenAPI schema changed."


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({}, "SMENET_SECRET_KEY"),
        ({"SMENET_SECRET_KEY": "short"}, "SMENET_SECRET_KEY"),
        ({"SMENET_SECRET_KEY": "x" * 50, "SMENET_DEBUG": "true"}, "SMENET_DEBUG"),
        ({"SMENET_SECRET_KEY": "x" * 50, "SMENET_ALLOWED_HOSTS": "*"}, "SMENET_ALLOWED_HOSTS"),
        (
            {"SMENET_SECRET_KEY": "x" * 50, "SMENET_SITE_URL": "http://smenet.example.org"},
            "SMENET_SITE_URL",
        ),
    ],
)
def test_production_settings_refuse_unsafe_configuration(env, message):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("SMENET_")}
    result = subprocess.run(
        [sys.executable, "-c", "import config.settings.production"],
        env={**clean, **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0 and message in result.stderr


def test_production_settings_accept_a_safe_configuration():
    clean = {k: v for k, v in os.environ.items() if not k.startswith("SMENET_")}
    env = {"SMENET_SECRET_KEY": "k" * 50, "SMENET_ALLOWED_HOSTS": "smenet.example.org"}
    result = subprocess.run(
        [sys.executable, "-c", "import config.settings.production as s; print(s.DEBUG)"],
        env={**clean, **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_api_unknown_url_is_problem_json(client):
    response = client.get("/api/v1/nothing-here/")
    assert response.status_code == 404
