from __future__ import annotations

from django_tasks import task


@task()
def publish_scheduled(article_id: int) -> bool:
    from .services import news_mark_published

    return news_mark_published(article_id=article_id)
