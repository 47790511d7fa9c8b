"""Registry pages: the member directory's filters and labels, a focal point's profile editing."""

import re

import pytest

from smenet.registry.models import Institution
from smenet.registry.tests.factories import InstitutionFactory

pytestmark = pytest.mark.django_db


def test_unconfirmed_and_sample_entries_are_labelled(client, founding):
    html = client.get("/members/?q=JEDCO").content.decode()
    assert "unconfirmed" in html
    governance = client.get("/governance/").content.decode()
    assert "sample" in governance  # the illustrative task-force composition


def test_member_directory_filters(client, founding):
    html = client.get("/members/", {"country": "MAR"}).content.decode()
    assert "Maroc PME" in html and "KOBİA" not in html
    html = client.get("/members/", {"oic_group": "Asian", "type": "fund"}).content.decode()
    assert "Damu" in html and "Maroc PME" not in html
    # A bad filter value is ignored with a message next to the field, never a 500.
    response = client.get("/members/", {"type": "bank", "country": "ZZZ"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


class TestFocalPointEditing:
    def test_edits_own_institution(self, client, focal_point_of):
        inst = InstitutionFactory(acronym="OWN")
        client.force_login(focal_point_of(inst))
        url = f"/members/{inst.slug}/edit/"
        assert client.get(url).status_code == 200
        response = client.post(
            url,
            {
                "version": 1,
                "name_en": "Own agency",
                "name_ar": "وكالتنا",
                "website": "https://own.example.org",
            },
        )
        assert response.status_code == 302
        inst.refresh_from_db()
        assert inst.website == "https://own.example.org" and inst.version == 2

    def test_cannot_edit_another_institution(self, client, focal_point_of):
        own, other = InstitutionFactory(acronym="OWN"), InstitutionFactory(acronym="OTHER")
        client.force_login(focal_point_of(own))
        url = f"/members/{other.slug}/edit/"
        assert client.get(url).status_code == 404  # another institution's: not yours to know
        assert client.post(url, {"version": 1, "name_en": "Taken"}).status_code == 404
        assert Institution.objects.get(pk=other.pk).version == 1

    def test_anonymous_is_sent_to_login(self, client):
        inst = InstitutionFactory()
        response = client.get(f"/members/{inst.slug}/edit/")
        assert response.status_code == 302 and "/login/" in response["Location"]

    def test_bad_input_is_shown_and_nothing_saved(self, client, focal_point_of):
        inst = InstitutionFactory()
        client.force_login(focal_point_of(inst))
        response = client.post(f"/members/{inst.slug}/edit/", {"version": 1, "website": "nope"})
        html = response.content.decode()
        assert response.status_code == 400
        assert "Give the name in at least one language." in html
        assert "Enter a valid URL." in html
        assert Institution.objects.get(pk=inst.pk).version == 1

    def test_concurrent_edit_is_refused_with_a_message(self, client, focal_point_of):
        inst = InstitutionFactory()
        client.force_login(focal_point_of(inst))
        url = f"/members/{inst.slug}/edit/"
        first = {"version": 1, "name_en": "First", "phone": "111"}
        assert client.post(url, first).status_code == 302
        second = client.post(url, {"version": 1, "name_en": "Second", "phone": "222"})
        assert second.status_code == 409
        assert "changed by" in second.content.decode()
        inst.refresh_from_db()
        assert inst.phone == "111"

    def test_arabic_errors(self, client, focal_point_of):
        inst = InstitutionFactory()
        client.force_login(focal_point_of(inst))
        response = client.post(f"/ar/members/{inst.slug}/edit/", {"version": 1})
        html = response.content.decode()
        assert 'dir="rtl"' in html and re.search("[\u0600-\u06ff]{3,}", html)
        assert "Give the name in at least one language." not in html
