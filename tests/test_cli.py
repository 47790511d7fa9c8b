"""The `smenet` command, started the way a user starts it: a real process, a real port."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def smenet(*args, env=None, timeout=120, input=None):
    return subprocess.run(
        [sys.executable, "-m", "smenet.cli", *args],
        cwd=ROOT,
        env=env or os.environ.copy(),
        capture_output=True,
        text=True,
        timeout=timeout,
        input=input,
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str, **headers):
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=20) as response:  # noqa: S310 (loopback only)
        return response.status, response.read().decode()


def test_serve_answers_in_three_languages_with_the_demo(serve_database, tmp_path):
    port = free_port()
    env = {**os.environ, **serve_database, "DJANGO_SETTINGS_MODULE": "config.settings.base"}
    log = (tmp_path / "serve.log").open("w+")
    process = subprocess.Popen(
        [sys.executable, "-m", "smenet.cli", "serve", "--port", str(port), "--workers", "1"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        # A liveness bound, not a speed check: start-up migrates and loads the whole demo, which
        # grows with every capability and takes minutes on a busy shared machine.
        deadline = time.monotonic() + 420
        while True:
            try:
                if get(base + "/healthz")[0] == 200:
                    break
            except OSError:
                pass
            assert process.poll() is None, Path(log.name).read_text()
            assert time.monotonic() < deadline, Path(log.name).read_text()
            time.sleep(0.3)

        for path, lang, direction in [
            ("/", "en", "ltr"),
            ("/ar/", "ar", "rtl"),
            ("/fr/", "fr", "ltr"),
        ]:
            status, html = get(base + path)
            assert status == 200 and f'<html lang="{lang}" dir="{direction}">' in html

        status, body = get(base + "/api/v1/countries/?page_size=100")
        countries = json.loads(body)
        assert countries["count"] == 57
        assert all(c["names"]["ar"] and c["names"]["fr"] for c in countries["results"])

        status, body = get(base + "/api/v1/mandates/?body=bureau", **{"Accept-Language": "ar"})
        chair = next(m for m in json.loads(body)["results"] if m["position"]["kind"] == "chair")
        assert chair["holder"]["acronym"] == "KOBİA"
        assert (chair["start"], chair["end"]) == ("2025-10-07", "2028-10-06")
        assert chair["body"]["name"] == "المكتب"

        status, css = get(base + "/static/web/css/site.css")
        assert status == 200 and "margin-inline" in css
        assert get(base + "/api/v1/docs/")[0] == 200
    finally:
        process.terminate()
        process.wait(timeout=30)
    output = Path(log.name).read_text()
    assert f"http://127.0.0.1:{port}/" in output
    assert "secretariat@smenet.example" in output  # how to log in
    assert "Starting worker" in output  # the task worker runs beside the web server
    assert process.returncode == 0


def test_serve_no_demo_loads_reference_data_only(serve_database):
    env = {**os.environ, **serve_database}
    result = smenet("manage", "migrate", "-v0", env=env)
    assert result.returncode == 0, result.stderr
    result = smenet("manage", "load_reference_data", env=env)
    assert "57 member states" in result.stdout
    assert "4 founding decisions" in result.stdout  # the founding is fact, not demo
    again = smenet("manage", "load_reference_data", env=env)
    assert again.stdout == result.stdout  # idempotent


def test_manage_passes_through(tmp_path):
    result = smenet("manage", "check", env={**os.environ, "SMENET_DATA_DIR": str(tmp_path)})
    assert result.returncode == 0 and "no issues" in result.stdout


def test_unknown_command_is_an_error():
    result = smenet("frobnicate")
    assert result.returncode == 2 and "invalid choice" in result.stderr


CONTRACT = {
    "subjects": ["access-to-finance", "digital-transformation"],
    "institutions": [
        {
            "id": "KOBIA",
            "country": "AZE",
            "languages": ["az", "en", "ru"],
            "needs": {"access-to-finance": 2},
            "capacities": {"digital-transformation": {"level": 3, "max_activities": 2}},
            "max_received": 3,
        },
        {
            "id": "KOSGEB",
            "country": "TUR",
            "languages": ["tr", "en"],
            "needs": {"digital-transformation": 1},
            "capacities": {"access-to-finance": {"level": 3, "max_activities": 1}},
        },
    ],
    "options": {"require_common_language": True, "allow_same_country": False},
}


def test_match_writes_the_optimal_output(tmp_path):
    source, target = tmp_path / "in.json", tmp_path / "out.json"
    source.write_text(json.dumps(CONTRACT), encoding="utf-8")
    result = smenet("match", "--input", str(source), "--output", str(target))
    assert result.returncode == 0, result.stderr
    output = json.loads(target.read_text(encoding="utf-8"))
    assert output["optimal"] is True and output["total_score"] == 2 * 3 + 1 * 3
    to_stdout = smenet("match", "--input", str(source))
    assert json.loads(to_stdout.stdout) == output


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"subjects": [', "line 1"),
        ('{"subjects": ' + "[" * 1000 + "]" * 1000 + "}", "nested more than 32 levels deep"),
        (
            json.dumps({**CONTRACT, "subjects": ["access-to-finance"]}),
            "institutions[0].capacities.digital-transformation",
        ),
        (
            json.dumps({**CONTRACT, "institutions": [CONTRACT["institutions"][0]] * 2}),
            "institutions[1].id",
        ),
    ],
)
def test_match_bad_input_exits_2_naming_the_place(tmp_path, content, expected):
    source, target = tmp_path / "in.json", tmp_path / "out.json"
    source.write_text(content, encoding="utf-8")
    result = smenet("match", "--input", str(source), "--output", str(target))
    assert result.returncode == 2
    assert expected in result.stderr
    assert not target.exists()


def test_match_missing_file_exits_2(tmp_path):
    result = smenet("match", "--input", str(tmp_path / "nope.json"))
    assert result.returncode == 2 and "cannot read" in result.stderr
