import os
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from smenet.search import registry, vectors
from smenet.search.backends import backend_for
from smenet.search.indexing import rebuild
from smenet.search.models import SearchDocument


class Command(BaseCommand):
    help = (
        "Rebuild the search index from the database (all types, or those given), then compute "
        "the sentence vectors whose text changed, with progress."
    )

    def add_arguments(self, parser):
        parser.add_argument("types", nargs="*", metavar="TYPE")
        parser.add_argument(
            "--workers",
            type=int,
            default=os.cpu_count() or 1,
            help="processes analysing documents (default: one per CPU)",
        )
        parser.add_argument(
            "--if-empty", action="store_true", help="only when the index has no documents"
        )
        parser.add_argument(
            "--no-vectors",
            action="store_true",
            help="lexical index only (vectors are then computed by the next rebuild)",
        )
        parser.add_argument(
            "--vectors-only", action="store_true", help="only compute the sentence vectors"
        )

    def handle(
        self,
        *args,
        types: list[str],
        workers: int,
        if_empty: bool,
        no_vectors: bool,
        vectors_only: bool,
        **options,
    ):
        unknown = sorted(set(types) - set(registry.types()))
        if unknown:
            raise CommandError(f"Unknown types: {', '.join(unknown)}")
        if workers < 1:
            raise CommandError("--workers must be at least 1")
        if no_vectors and vectors_only:
            raise CommandError("--no-vectors and --vectors-only exclude each other")
        if if_empty and SearchDocument.objects.exists():
            return
        if not vectors_only:
            for name, count in rebuild(types or None, workers=workers).items():
                self.stdout.write(f"{name}: {count}")
            note = backend_for(connection).memory_note(connection)
            if note:
                self.stderr.write(self.style.WARNING(note))
        if no_vectors:
            return
        if not vectors.enabled():
            self.stdout.write("vectors: off (SEARCH_SEMANTIC)")
            return
        started = time.monotonic()
        last = [0.0]

        def progress(name: str, done: int, total: int) -> None:
            now = time.monotonic()
            if now - last[0] >= 2 or done >= total:
                last[0] = now
                rate = done / max(now - started, 1e-6)
                self.stderr.write(f"vectors {name}: {done}/{total} ({rate:.0f}/s)")

        for name, count in vectors.rebuild(types or None, progress=progress).items():
            self.stdout.write(f"vectors {name}: {count} computed")
