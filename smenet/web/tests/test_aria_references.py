"""Every ``aria-describedby``/``aria-labelledby`` (and ``label for``) on every page and form of
the site names an element that exists (issue 17: the questionnaire's help texts were never
read because the widgets named ids the template did not render).

Pages are found by walking the site from its navigation as a visitor, a focal point, a Bureau
member and the Secretariat (one page per view); every form with fields on those pages is then
also submitted empty, so that it comes back with its errors, and checked again. Each
submission is rolled back.
"""

from __future__ import annotations

import pytest
from django import forms
from django.db import transaction
from django.template import Context, Template
from django.test import Client

from smenet.web.tests.pagecrawl import broken_references, crawl, navigation_paths, site_path

pytestmark = pytest.mark.django_db

ROLES = [
    None,
    "focal.kobia@smenet.example",
    "bureau@smenet.example",
    "secretariat@smenet.example",
]


class _Rollback(Exception):
    pass


def _client(email: str | None) -> Client:
    client = Client()
    if email:
        from smenet.registry.models import User

        client.force_login(User.objects.get(email=email))
    return client


def test_every_page_and_every_form_names_only_elements_that_exist(founding):
    problems: list[str] = []
    pages = forms_submitted = forms_with_errors = 0
    views: set[str] = set()
    for email in ROLES:
        client = _client(email)
        start = navigation_paths(client)
        visited = list(crawl(client, ["/", *start], limit=120))
        for page in visited:
            pages += 1
            views.add(page.view)
            problems += [
                f"{email or 'visitor'} GET {page.path}: {p}" for p in broken_references(page.html)
            ]
        for page in visited:
            for form in page.forms:
                if form.method != "post" or not form.has_visible_fields:
                    continue
                action = site_path(page.path, form.action or page.path)
                if not action:
                    continue
                try:
                    with transaction.atomic():
                        response = client.post(action, {})
                        raise _Rollback(response)
                except _Rollback as stop:
                    response = stop.args[0]
                forms_submitted += 1
                assert response.status_code != 500, f"{email} POST {action} (empty) answered 500"
                if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
                    html = response.content.decode()
                    if "has-error" in html or "error-summary" in html:
                        forms_with_errors += 1
                    problems += [
                        f"{email or 'visitor'} POST {action} (empty): {p}"
                        for p in broken_references(html)
                    ]
    assert not problems, "\n".join(problems)
    print(f"{pages} pages of {len(views)} views; {forms_submitted} forms submitted empty")
    # The walk must reach the site, not stop at the door: many views, and forms that come
    # back with their errors (these are where aria-describedby names the error texts).
    assert pages >= 40 and len(views) >= 40, (pages, sorted(views))
    assert forms_submitted >= 10 and forms_with_errors >= 8, (forms_submitted, forms_with_errors)


class _Example(forms.Form):
    name = forms.CharField(help_text="Your name")
    languages = forms.MultipleChoiceField(
        choices=[("ar", "ar"), ("en", "en")], widget=forms.CheckboxSelectMultiple, help_text="Any"
    )


def test_the_shared_field_template_renders_the_ids_the_widgets_name():
    form = _Example(data={})
    assert not form.is_valid()
    html = Template(
        "{% for field in form %}{% include 'capacity/_field.html' %}{% endfor %}"
    ).render(Context({"form": form}))
    assert 'aria-describedby="id_name_helptext id_name_error"' in html
    assert 'id="id_name_helptext"' in html and 'id="id_name_error"' in html
    # A group of checkboxes is described on its fieldset, as Django does.
    assert 'aria-describedby="id_languages_helptext id_languages_error"' in html
    assert not broken_references(html)
