"""Benchmark of meetings and news at scale: 500 meetings and 2,000 news items.

Builds, in a throwaway SQLite database (or the PostgreSQL of ``DATABASE_URL`` with
``--postgres``), the reference data plus 500 meetings over ten years (five bodies and standalone
events, four time zones, agendas of 6 items, 4 documents each with a language version, two
decisions with follow-up actions on every fifth meeting) and 2,000 news articles in ar/en/fr.
Then it requests each list, page and feed through Django's test client, ``--reps`` times, and
reports for each the median time, the number of SQL queries and the response size, next to a
same-run baseline (``GET /api/v1/countries/``, 57 rows): the ratio says how much heavier an
endpoint is than a plain list on this machine, now.

Usage::

    .venv/bin/python benchmarks/bench_meetings.py [--meetings 500] [--news 2000] [--reps 7]
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

ZONES = ["Asia/Baku", "Europe/Istanbul", "Asia/Riyadh", "Africa/Casablanca"]


def setup_django(db_dir: str, postgres: bool) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    if not postgres:
        os.environ["DATABASE_URL"] = f"sqlite:///{db_dir}/bench.sqlite3"
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment()
    if postgres:
        from django.db import connection

        connection.creation.create_test_db(verbosity=0, autoclobber=True)
    else:
        call_command("migrate", verbosity=0)


def build(n_meetings: int, n_news: int) -> None:
    from django.db import transaction
    from django.utils import timezone

    from smenet.common.reference import load_reference_data
    from smenet.demo.loader import load_demo_data
    from smenet.events import services
    from smenet.governance.models import Body
    from smenet.news import services as news
    from smenet.registry.models import Institution

    load_reference_data()
    load_demo_data()
    bodies = list(Body.objects.order_by("order"))
    owners = list(Institution.objects.order_by("acronym")[:20])
    start = datetime.datetime(2021, 1, 4, 9, 0)
    with transaction.atomic():
        for n in range(n_meetings):
            body = bodies[n % len(bodies)] if n % 6 else None
            day = start + datetime.timedelta(days=7 * n + (n % 5))
            meeting = services.meeting_create(
                actor=None,
                code=f"bench-{n}",
                titles={
                    "en": f"Meeting {n} on SME finance",
                    "fr": f"Réunion {n} sur le financement des PME",
                    "ar": f"الاجتماع {n} بشأن تمويل المنشآت الصغيرة والمتوسطة",
                },
                descriptions={"en": "Working session of the network. " * 5},
                body=body,
                kind="statutory" if body else "workshop",
                number=n // len(bodies) % 4 + 1 if body else None,
                start=day,
                end=day + datetime.timedelta(hours=7),
                time_zone=ZONES[n % len(ZONES)],
                city="Baku",
                audience="public" if n % 4 else "members",
            )
            items = [
                services.agenda_item_add(
                    actor=None, meeting=meeting, titles={"en": f"Item {i}", "ar": f"البند {i}"}
                )
                for i in range(6)
            ]
            for k in range(4):
                services.document_create(
                    actor=None,
                    meeting=meeting,
                    kind=["working_paper", "report", "agenda", "presentation"][k],
                    titles={"en": f"Document {k} of meeting {n}"},
                    original_language="en",
                    audience="public" if k % 2 else "members",
                )
            if body is not None and n % 5 == 0:
                for d in range(2):
                    decision = services.decision_record_at_meeting(
                        actor=None,
                        meeting=meeting,
                        agenda_item=items[d],
                        reference=f"B-{n}-{d}",
                        body=body,
                        date=meeting.local_start.date(),
                        kind="resolution",
                        voting="consensus",
                        titles={"en": f"Decision {d} of meeting {n}", "ar": f"القرار {d}"},
                    )
                    services.follow_up_create(
                        actor=None,
                        decision=decision,
                        owner=owners[(n + d) % len(owners)],
                        due_on=decision.date + datetime.timedelta(days=60),
                        titles={"en": "Report back"},
                    )
        now = timezone.now()
        for n in range(n_news):
            lang = ["ar", "en", "fr"][n % 3]
            langs = ["ar", "en", "fr"] if n % 2 else [lang]
            article = news.news_create(
                actor=None,
                slug=f"news-{n}",
                original_language=lang,
                titles={code: f"News {n} ({code})" for code in langs},
                summaries={code: f"Summary of news {n}. " * 4 for code in langs},
                bodies={code: "<p>" + "Paragraph of the article. " * 40 + "</p>" for code in langs},
            )
            news.news_publish(actor=None, article=article, at=now - datetime.timedelta(hours=n))


def measure(client, path: str, reps: int) -> tuple[float, int, int, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times = []
    for _ in range(reps):
        with CaptureQueriesContext(connection) as queries:
            t0 = time.perf_counter()
            response = client.get(path)
            body = b"".join(response) if response.streaming else response.content
            times.append(time.perf_counter() - t0)
        assert response.status_code == 200, (path, response.status_code)
    return statistics.median(times), len(queries), len(body), response.status_code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--meetings", type=int, default=500)
    parser.add_argument("--news", type=int, default=2000)
    parser.add_argument("--reps", type=int, default=7)
    parser.add_argument("--postgres", action="store_true", help="use DATABASE_URL (a test copy)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(tmp, args.postgres)
        t0 = time.perf_counter()
        build(args.meetings, args.news)
        built = time.perf_counter() - t0
        from django.db import connection
        from django.test import Client

        from smenet.events.models import Meeting

        code = (
            Meeting.objects.filter(code__startswith="bench-")
            .order_by("pk")[args.meetings // 2]
            .code
        )
        client = Client()
        paths = [
            "/api/v1/countries/",
            "/api/v1/meetings/",
            "/api/v1/meetings/?page_size=200",
            "/api/v1/meetings/?from=2024-01-01&to=2024-12-31&body=bureau",
            f"/api/v1/meetings/{code}/",
            "/api/v1/decisions/",
            "/api/v1/news/",
            "/meetings/",
            "/meetings/past/",
            "/ar/meetings/calendar/2024/5/",
            f"/ar/meetings/{code}/",
            "/ar/decisions/",
            "/news/",
            "/feeds/meetings.ics",
            "/feeds/bodies/bureau.ics",
            f"/meetings/{code}.ics",
            "/feeds/news.rss",
            "/ar/feeds/news.atom",
        ]
        for path in paths:  # warm caches, templates, catalogues
            client.get(path)
        rows = [(path, *measure(client, path, args.reps)) for path in paths]
        base = rows[0][1]
        print(
            f"# {args.meetings} meetings, {args.news} news items; built in {built:.0f} s; "
            f"{connection.vendor}; {platform.processor() or platform.machine()}, "
            f"{os.cpu_count()} cores, Python {platform.python_version()}; "
            f"{datetime.date.today().isoformat()}"
        )
        print("| request | median ms | × baseline | queries | bytes |")
        print("|---|---:|---:|---:|---:|")
        for path, median, queries, size, _status in rows:
            print(
                f"| `{path}` | {median * 1000:.1f} | {median / base:.1f} | {queries} | {size:,} |"
            )


if __name__ == "__main__":
    main()
