"""Writes of news, by the Secretariat: create and edit (rich text sanitised with ``nh3``),
schedule, publish, withdraw. A translation is any language other than the original one."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import Any

import nh3
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smenet.common import uploads, versioning
from smenet.common.errors import Conflict, DomainError
from smenet.common.services import attribute_history, validate
from smenet.common.translation import set_translations
from smenet.registry.roles import require_secretariat
from smenet.registry.types import User

from .choices import NewsStatus
from .models import NewsArticle, NewsCategory

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "a",
    "ul",
    "ol",
    "li",
    "h2",
    "h3",
    "blockquote",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "hreflang"}}
LANGUAGES = {code for code, _name in settings.LANGUAGES}


def sanitise(html: str) -> str:
    """Rich text with only the tags a news article needs; scripts, styles, event handlers and
    javascript: links removed."""
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    ).strip()


def _texts(
    original_language: str,
    titles: Mapping[str, str],
    summaries: Mapping[str, str],
    bodies: Mapping[str, str] | None,
    image_alts: Mapping[str, str] | None,
) -> dict[str, dict[str, str]]:
    if original_language not in LANGUAGES and len(original_language) != 2:
        raise DomainError(
            _("Unknown language %(lang)s.") % {"lang": original_language}, field="original_language"
        )
    langs = {k for k, v in titles.items() if (v or "").strip()}
    if original_language not in langs:
        raise DomainError(
            _("Give the title in the original language (%(lang)s).") % {"lang": original_language},
            field="titles",
        )
    for lang in langs:
        if not (summaries.get(lang) or "").strip():
            raise DomainError(
                _("Give the summary in every language of the title (%(lang)s is missing).")
                % {"lang": lang},
                field="summaries",
            )
    unknown = sorted((set(summaries) | set(bodies or {}) | set(image_alts or {})) - langs)
    if unknown:
        raise DomainError(
            _("Texts in %(lang)s have no title in that language.") % {"lang": unknown[0]},
            field="titles",
        )
    return {
        "title": {k: titles[k].strip() for k in langs},
        "summary": {k: summaries[k].strip() for k in langs},
        "body": {k: sanitise((bodies or {}).get(k, "")) for k in langs},
        "image_alt": {k: (image_alts or {}).get(k, "").strip() for k in langs},
    }


def _check_image(image: Any, image_alts: Mapping[str, str] | None, original_language: str) -> None:
    if image and not getattr(image, "_committed", False):  # a new upload: the upload policy
        try:
            uploads.check(image, purpose="image")
        except ValidationError as exc:
            raise DomainError(exc.messages[0], code="invalid_file", field="image") from None
    if image and not ((image_alts or {}).get(original_language) or "").strip():
        raise DomainError(
            _("Describe the image for people who cannot see it (alternative text)."),
            code="image_alt_required",
            field="image_alts",
        )


def news_create(
    *,
    actor: User | None,
    slug: str,
    original_language: str,
    titles: Mapping[str, str],
    summaries: Mapping[str, str],
    bodies: Mapping[str, str] | None = None,
    image: Any = None,
    image_alts: Mapping[str, str] | None = None,
    categories: Sequence[NewsCategory] = (),
    meetings: Sequence[Any] = (),
    institutions: Sequence[Any] = (),
    source_url: str = "",
    is_sample: bool = False,
) -> NewsArticle:
    require_secretariat(actor)
    texts = _texts(original_language, titles, summaries, bodies, image_alts)
    _check_image(image, image_alts, original_language)
    with transaction.atomic():
        if NewsArticle.objects.filter(slug=slug).exists():
            raise Conflict(
                _("An article with the address %(slug)s exists already.") % {"slug": slug},
                code="duplicate_slug",
                field="slug",
            )
        article = NewsArticle(
            slug=slug,
            original_language=original_language,
            source_url=source_url,
            is_sample=is_sample,
        )
        if image:
            article.image = image
        set_translations(article, texts)
        validate(article, exclude=["image"])
        attribute_history(article, actor)
        article.save()
        article.categories.set(categories)
        article.meetings.set(meetings)
        article.institutions.set(institutions)
    _reindex(article)
    return article


def news_update(
    *,
    actor: User | None,
    article: NewsArticle,
    expected_version: int | None = None,
    titles: Mapping[str, str],
    summaries: Mapping[str, str],
    bodies: Mapping[str, str] | None = None,
    image_alts: Mapping[str, str] | None = None,
) -> NewsArticle:
    require_secretariat(actor)
    texts = _texts(article.original_language, titles, summaries, bodies, image_alts)
    _check_image(article.image, image_alts, article.original_language)
    with transaction.atomic():
        article = versioning.edit(article, actor=actor, expected_version=expected_version)
        for t in list(article.translations.all()):
            if t.language_code not in texts["title"]:
                t.delete()
        set_translations(article, texts)
        validate(article, exclude=["image"])
        article.save()
    _reindex(article)
    return article


def news_publish(
    *,
    actor: User | None,
    article: NewsArticle,
    at: datetime.datetime | None = None,
    now: datetime.datetime | None = None,
    expected_version: int | None = None,
) -> NewsArticle:
    """Publish now, or schedule for ``at`` (the article appears at that moment)."""
    require_secretariat(actor)
    now = now or timezone.now()
    with transaction.atomic():
        article = versioning.edit(article, actor=actor, expected_version=expected_version)
        when = at or now
        article.publish_at = when
        article.status = NewsStatus.SCHEDULED if when > now else NewsStatus.PUBLISHED
        article.save()
        if article.status == NewsStatus.SCHEDULED:
            pk = article.pk
            transaction.on_commit(lambda: _enqueue_publication(pk, when))
    _reindex(article)
    return article


def _enqueue_publication(pk: int, when: datetime.datetime) -> None:
    from django_tasks import default_task_backend

    from .tasks import publish_scheduled

    if default_task_backend.supports_defer:
        publish_scheduled.using(run_after=when).enqueue(article_id=pk)


def news_mark_published(*, article_id: int, now: datetime.datetime | None = None) -> bool:
    """The worker's side of scheduling: a scheduled article whose time has come is published."""
    now = now or timezone.now()
    with transaction.atomic():
        article = NewsArticle.objects.filter(pk=article_id).first()
        if article is None:
            return False
        versioning.lock(article)
        if article.status != NewsStatus.SCHEDULED:
            return False
        if article.publish_at and article.publish_at > now:
            return False
        article.status = NewsStatus.PUBLISHED
        versioning.bump(article, actor=None)
        article.save(update_fields=["status", "version", "updated_at"])
    return True


def news_withdraw(
    *, actor: User | None, article: NewsArticle, expected_version: int | None = None
) -> NewsArticle:
    require_secretariat(actor)
    with transaction.atomic():
        article = versioning.edit(article, actor=actor, expected_version=expected_version)
        article.status = NewsStatus.DRAFT
        article.save()
    _reindex(article)
    return article


def _reindex(article: NewsArticle) -> None:
    from smenet.search.indexing import schedule

    schedule("news", [article.pk])
