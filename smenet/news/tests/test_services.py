from __future__ import annotations

import datetime

import pytest
from django.utils import timezone, translation

from smenet.common.errors import Conflict, DomainError, PermissionDenied
from smenet.news import services
from smenet.news.choices import NewsStatus
from smenet.news.models import NewsArticle

pytestmark = pytest.mark.django_db


def create(**kwargs):
    values = {
        "actor": None,
        "slug": "launch",
        "original_language": "ar",
        "titles": {"ar": "إطلاق الشبكة", "en": "Launch of the network"},
        "summaries": {"ar": "ملخص", "en": "Summary"},
        "bodies": {
            "ar": "<p>نص</p>",
            "en": '<p onclick="x()">Text <a href="javascript:alert(1)">link</a></p><script>bad()</script><img src=x onerror=y>',
        },
    }
    values.update(kwargs)
    return services.news_create(**values)


def test_rich_text_is_sanitised():
    article = create()
    body = article.translations.get(language_code="en").body
    assert (
        "<script" not in body
        and "onclick" not in body
        and "javascript:" not in body
        and "<img" not in body
    )
    assert body.startswith("<p>Text <a")


def test_the_original_language_needs_a_title_and_every_language_a_summary():
    with translation.override("fr"), pytest.raises(DomainError) as exc:
        create(titles={"en": "Only English"})
    assert exc.value.field == "titles" and "langue d'origine" in str(exc.value.message)
    with pytest.raises(DomainError) as exc:
        create(summaries={"ar": "ملخص"})
    assert exc.value.field == "summaries"
    assert not NewsArticle.objects.exists()


def test_draft_scheduled_published():
    article = create()
    assert article.status == NewsStatus.DRAFT
    assert not NewsArticle.objects.published().exists()
    now = timezone.now()
    services.news_publish(
        actor=None, article=article, at=now + datetime.timedelta(hours=2), now=now
    )
    article.refresh_from_db()
    assert article.status == NewsStatus.SCHEDULED
    assert not NewsArticle.objects.published(now).exists()
    assert NewsArticle.objects.published(now + datetime.timedelta(hours=3)).exists()
    assert services.news_mark_published(
        article_id=article.pk, now=now + datetime.timedelta(hours=3)
    )
    article.refresh_from_db()
    assert article.status == NewsStatus.PUBLISHED


def test_only_the_secretariat_writes_news(focal_point_of, institution_a):
    with pytest.raises(PermissionDenied):
        create(actor=focal_point_of(institution_a))


def test_duplicate_address_and_image_without_alt_text(secretariat_user):
    create()
    with pytest.raises(Conflict) as exc:
        create()
    assert exc.value.field == "slug"
    from django.core.files.uploadedfile import SimpleUploadedFile

    from smenet.common.uploads import sample

    with pytest.raises(DomainError) as exc:
        create(slug="with-image", image=SimpleUploadedFile("a.png", sample("png")))
    assert exc.value.code == "image_alt_required"


def test_an_image_is_checked_by_its_content(secretariat_user):
    """The upload policy (common.uploads): a page passed off as a picture is refused."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from smenet.news.models import NewsArticle

    html = SimpleUploadedFile("a.png", b"<html><script>alert(1)</script></html>")
    with pytest.raises(DomainError) as exc:
        create(slug="fake-image", image=html, image_alts={"en": "A picture"})
    assert exc.value.field == "image" and exc.value.code == "invalid_file"
    assert "not a PNG file" in str(exc.value.message)
    assert not NewsArticle.objects.filter(slug="fake-image").exists()
