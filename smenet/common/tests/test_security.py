"""Login protection and production settings (issue 10 §4)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from smenet.api.testing import problem

ROOT = Path(__file__).resolve().parents[3]
PASSWORD = "correct horse battery"  # the users factory's password


@pytest.fixture
def user(db, focal_point_of):
    from smenet.registry.tests.factories import InstitutionFactory

    return focal_point_of(InstitutionFactory())


def login(client, email, password, address="10.0.0.1"):
    return client.post("/login/", {"username": email, "password": password}, REMOTE_ADDR=address)


def token(api, email, password, address="10.0.0.1"):
    return api.post(
        "/api/v1/auth/token/",
        {"email": email, "password": password},
        format="json",
        REMOTE_ADDR=address,
    )


class TestLockout:
    def test_counters_live_in_the_shared_database_cache(self):
        assert settings.CACHES["default"]["BACKEND"].endswith("DatabaseCache")
        assert settings.AXES_HANDLER.endswith("AxesCacheHandler")

    def test_password_guessing_on_the_login_page_is_locked_out_with_retry_after(self, user):
        client = Client()
        statuses = [login(client, user.email, f"guess-{n}").status_code for n in range(30)]
        limit = settings.AXES_FAILURE_LIMIT
        assert statuses[: limit - 1] == [400] * (limit - 1)
        assert set(statuses[limit:]) == {429}
        locked = login(client, user.email, PASSWORD)  # even the right password now
        assert locked.status_code == 429
        assert int(locked["Retry-After"]) == int(settings.AXES_COOLOFF_TIME.total_seconds())
        assert "Too many failed logins" in locked.content.decode()

    def test_the_account_is_locked_from_every_address(self, user):
        client = Client()
        for n in range(settings.AXES_FAILURE_LIMIT):
            login(client, user.email.upper(), "wrong", address=f"10.0.1.{n}")
        assert login(client, user.email, PASSWORD, address="10.9.9.9").status_code == 429

    def test_the_address_is_locked_for_every_account(self, db, focal_point_of):
        from smenet.registry.tests.factories import InstitutionFactory

        client = Client()
        for n in range(settings.AXES_FAILURE_LIMIT):
            login(client, f"nobody{n}@example.org", "wrong", address="10.0.2.1")
        other = focal_point_of(InstitutionFactory())
        assert login(client, other.email, PASSWORD, address="10.0.2.1").status_code == 429
        assert login(client, other.email, PASSWORD, address="10.0.2.2").status_code == 302

    def test_token_endpoint_answers_429_problem_json_with_retry_after(self, api, user):
        statuses = [token(api, user.email, f"guess-{n}").status_code for n in range(30)]
        limit = settings.AXES_FAILURE_LIMIT
        assert statuses[: limit - 1] == [400] * (limit - 1) and set(statuses[limit:]) == {429}
        response = token(api, user.email, PASSWORD)
        assert response.status_code == 429
        assert problem(response)["code"] == "locked_out"
        assert int(response["Retry-After"]) > 0

    def test_a_success_resets_the_count(self, user):
        client = Client()
        for _n in range(settings.AXES_FAILURE_LIMIT - 1):
            login(client, user.email, "wrong")
        assert login(client, user.email, PASSWORD).status_code == 302
        client.logout()
        for _n in range(settings.AXES_FAILURE_LIMIT - 1):
            assert login(client, user.email, "wrong").status_code == 400

    def test_forwarded_for_is_ignored_without_a_trusted_proxy(self, user):
        """Otherwise an attacker would pick a new address for every guess."""
        client = Client()
        for n in range(settings.AXES_FAILURE_LIMIT):
            client.post(
                "/login/",
                {"username": f"x{n}@example.org", "password": "wrong"},
                REMOTE_ADDR="10.0.3.1",
                HTTP_X_FORWARDED_FOR=f"192.0.2.{n}",
            )
        assert login(client, user.email, PASSWORD, address="10.0.3.1").status_code == 429


def _production(env_extra: dict[str, str], code: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SMENET_ALLOWED_HOSTS": "smenet.example.org,testserver",
        "SMENET_DEBUG": "",
        "DATABASE_URL": "",
        **env_extra,
    }
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    "key",
    [
        "insecure-development-key-do-not-use-in-production",
        "django-insecure-0123456789abcdefghijklmnopqrstuvwxyz",
        "short",
        "",
    ],
)
def test_production_refuses_the_shipped_or_a_weak_secret_key(key):
    result = _production({"SMENET_SECRET_KEY": key}, "")
    assert result.returncode != 0 and "SMENET_SECRET_KEY" in result.stderr


def test_production_hsts_a_year_and_healthz_not_redirected(tmp_path):
    code = """
from django.conf import settings
from django.test import Client
print("HSTS", settings.SECURE_HSTS_SECONDS)
client = Client()
health = client.get("/healthz")
home = client.get("/", HTTP_HOST="smenet.example.org")
secure = client.get("/healthz", HTTP_HOST="smenet.example.org", HTTP_X_FORWARDED_PROTO="https")
print("HEALTH", health.status_code, "HOME", home.status_code, home.get("Location"))
print("STS", secure.get("Strict-Transport-Security"))
"""
    result = _production(
        {"SMENET_SECRET_KEY": "a" * 20 + "-random-" + "b" * 20, "SMENET_DATA_DIR": str(tmp_path)},
        code,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "HSTS 31536000" in result.stdout
    assert "HEALTH 200" in result.stdout
    assert "HOME 301 https://smenet.example.org/" in result.stdout
    assert "STS max-age=31536000" in result.stdout
    shorter = _production(
        {
            "SMENET_SECRET_KEY": "a" * 20 + "-random-" + "b" * 20,
            "SMENET_HSTS_SECONDS": "600",
        },
        "from django.conf import settings; print(settings.SECURE_HSTS_SECONDS)",
    )
    assert shorter.stdout.strip() == "600"
