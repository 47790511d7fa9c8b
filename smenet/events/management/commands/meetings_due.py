"""Catch up on time-driven steps the task worker may have missed (it was stopped at the
moment): close silence procedures whose deadline passed, publish scheduled news whose time has
come. Idempotent; safe to run from cron every few minutes."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from smenet.events.choices import MinutesStatus
from smenet.events.models import Minutes
from smenet.events.services import minutes_close_silence
from smenet.news.choices import NewsStatus
from smenet.news.models import NewsArticle
from smenet.news.services import news_mark_published


class Command(BaseCommand):
    help = "Close silence procedures past their deadline and publish scheduled news that is due."

    def handle(self, *args, **options):
        now = timezone.now()
        outcomes = [
            minutes_close_silence(minutes_id=pk, now=now)
            for pk in Minutes.objects.filter(
                status=MinutesStatus.CIRCULATED, comment_deadline__lte=now
            ).values_list("pk", flat=True)
        ]
        published = sum(
            news_mark_published(article_id=pk, now=now)
            for pk in NewsArticle.objects.filter(
                status=NewsStatus.SCHEDULED, publish_at__lte=now
            ).values_list("pk", flat=True)
        )
        if options["verbosity"]:
            self.stdout.write(
                f"Minutes adopted by silence: {outcomes.count('adopted')}; "
                f"silence broken: {outcomes.count('silence broken')}; news published: {published}."
            )
