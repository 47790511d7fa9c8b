"""The public site as a whole: every page in three languages, the shell (home, login, admin,
health), and bounded query counts on every public page and list."""

import pytest
from django.test import Client

from smenet.registry.tests.factories import CountryFactory, InstitutionFactory

pytestmark = pytest.mark.django_db

PAGES = ["/", "/members/", "/countries/", "/governance/", "/members/kobia-aze/", "/countries/AZE/"]


@pytest.mark.parametrize(
    ("prefix", "lang", "direction"), [("", "en", "ltr"), ("/ar", "ar", "rtl"), ("/fr", "fr", "ltr")]
)
def test_public_pages_in_three_languages(client, founding, prefix, lang, direction):
    for path in PAGES:
        response = client.get(prefix + path)
        assert response.status_code == 200, path
        html = response.content.decode()
        assert f'<html lang="{lang}" dir="{direction}">' in html, path


def test_home_in_arabic_shows_the_bureau_in_arabic(client, founding):
    html = client.get("/ar/").content.decode()
    assert "شبكة المنشآت الصغيرة والمتوسطة" in html  # translated interface
    assert "KOBİA" in html and "المكتب" in html
    assert 'hreflang="fr"' in html and 'href="/fr/"' in html


def test_unknown_pages_are_404(client, founding):
    assert client.get("/members/nope/").status_code == 404
    assert client.get("/countries/XXX/").status_code == 404


def test_login_and_logout(client, focal_point_of):
    user = focal_point_of(InstitutionFactory())
    bad = client.post("/login/", {"username": user.email, "password": "wrong"})
    assert bad.status_code == 400 and user.full_name not in bad.content.decode()
    ok = client.post("/login/", {"username": user.email, "password": "correct horse battery"})
    assert ok.status_code == 302
    assert user.full_name in client.get("/").content.decode()
    client.post("/logout/")
    assert user.full_name not in client.get("/").content.decode()


def test_admin_is_right_to_left_in_arabic(founding, secretariat_user):
    client = Client()
    secretariat_user.is_superuser = True
    secretariat_user.save()
    client.force_login(secretariat_user)
    for url in ["/ar/admin/", "/ar/admin/registry/institution/", "/ar/admin/governance/mandate/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert 'dir="rtl"' in response.content.decode()


def test_health(client):
    assert client.get("/healthz").json()["status"] == "ok"


def _grow(n):
    """More of everything a page lists: states, institutions, decisions and mandates."""
    import datetime

    from smenet.governance.choices import DecisionKind, VotingMethod
    from smenet.governance.models import Decision, Mandate
    from smenet.governance.tests.factories import BodyFactory, PositionFactory
    from smenet.registry.models import Institution as Inst

    body = BodyFactory(code="bureau")
    position = body.positions.filter(code="grow").first() or PositionFactory(
        body=body, code="grow", seats=10_000
    )
    kobia = Inst.objects.get(slug="kobia-aze")
    for _ in range(n):
        country = CountryFactory()
        a, _b = InstitutionFactory.create_batch(2, country=country)
        decision = Decision.objects.create(
            reference=f"GROW-{Decision.objects.count()}",
            body=body,
            date=datetime.date(2025, 10, 8),
            kind=DecisionKind.ELECTION,
            voting=VotingMethod.UNANIMOUS,
        )
        for holder in (a, kobia):
            Mandate.objects.create(
                position=position,
                holder=holder,
                start=datetime.date(2025, 10, 8),
                exclusive=False,
                decision=decision,
            )


@pytest.mark.parametrize(
    "path",
    PAGES
    + [
        "/api/v1/countries/",
        "/api/v1/institutions/",
        "/api/v1/mandates/",
        "/api/v1/bodies/",
        "/api/v1/decisions/",
        "/ar/members/",
    ],
)
def test_query_count_does_not_grow_with_data(client, founding, path, django_assert_max_num_queries):
    """Every page and list runs a bounded number of queries, the same at two data sizes."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(path).status_code == 200
        return len(ctx.captured_queries)

    _grow(5)
    small = count()
    _grow(30)
    large = count()
    # Never more with more data (a page may need fewer when it no longer shows some relation).
    assert large <= small, f"{path}: {small} queries, then {large} with more data"
    with django_assert_max_num_queries(20):
        client.get(path)
