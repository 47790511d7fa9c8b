"""The site's error pages: in its layout, in the visitor's language, with a way back; and
/favicon.ico served (it was a 404 on every first visit)."""

import sys
import types

import pytest
from django.test import Client, override_settings
from django.urls import path

pytestmark = pytest.mark.django_db


def test_404_in_the_language_of_the_address(client):
    response = client.get("/ar/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "الصفحة غير موجودة" in html  # "Page not found"
    assert 'class="site-header"' in html and 'href="/ar/"' in html  # the layout, a way home
    assert 'href="/fr/"' in html  # the language switch leads to each language's home


@pytest.mark.parametrize(
    ("accept", "expected"), [("fr-FR,fr;q=0.9", "Page introuvable"), ("en", "Page not found")]
)
def test_404_of_an_unprefixed_address_follows_the_browser(client, accept, expected):
    response = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 404 and expected in response.content.decode()


def test_404_offers_the_previous_page_only_when_it_is_on_this_site(client):
    ours = client.get("/fr/nope/", HTTP_REFERER="http://testserver/fr/governance/")
    assert 'href="http://testserver/fr/governance/"' in ours.content.decode()
    theirs = client.get("/fr/nope/", HTTP_REFERER="https://evil.example/")
    assert "evil.example" not in theirs.content.decode()


def test_csrf_failure_page(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/ar/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in html and "انتهت صلاحية هذا النموذج" in html
    assert "CSRF" not in html  # no jargon


def boom(request):
    raise RuntimeError("boom")


def forbid(request):
    from django.core.exceptions import PermissionDenied

    raise PermissionDenied


@pytest.fixture
def failing_urls():
    from config import urls as site_urls

    module = types.ModuleType("smenet_test_failing_urls")
    module.urlpatterns = [
        path("fr/boom/", boom),
        path("fr/forbid/", forbid),
        *site_urls.urlpatterns,
    ]
    for name in ("handler400", "handler403", "handler404", "handler500"):
        setattr(module, name, getattr(site_urls, name))
    sys.modules[module.__name__] = module
    with override_settings(ROOT_URLCONF=module.__name__):
        yield
    del sys.modules[module.__name__]


def test_500_in_the_layout_without_the_database(failing_urls, django_assert_num_queries):
    client = Client(raise_request_exception=False)
    with django_assert_num_queries(0):
        response = client.get("/fr/boom/")
    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="fr" dir="ltr">' in html and "Un problème est survenu" in html
    assert 'class="site-header"' in html and 'href="/fr/"' in html


def test_403(failing_urls, client):
    response = client.get("/fr/forbid/")
    assert response.status_code == 403
    assert "Vous ne pouvez pas voir cette page" in response.content.decode()


def test_favicon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200 and response["Content-Type"] == "image/x-icon"
    assert b"".join(response.streaming_content).startswith(b"\x00\x00\x01\x00")
    assert "max-age" in response["Cache-Control"]
