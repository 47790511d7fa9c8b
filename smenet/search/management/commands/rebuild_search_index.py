import os

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from smenet.search import registry
from smenet.search.backends import backend_for
from smenet.search.indexing import rebuild
from smenet.search.models import SearchDocument


class Command(BaseCommand):
    help = "Rebuild the search index from the database (all types, or those given)."

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

    def handle(self, *args, types: list[str], workers: int, if_empty: bool, **options):
        unknown = sorted(set(types) - set(registry.types()))
        if unknown:
            raise CommandError(f"Unknown types: {', '.join(unknown)}")
        if workers < 1:
            raise CommandError("--workers must be at least 1")
        if if_empty and SearchDocument.objects.exists():
            return
        for name, count in rebuild(types or None, workers=workers).items():
            self.stdout.write(f"{name}: {count}")
        note = backend_for(connection).memory_note(connection)
        if note:
            self.stderr.write(self.style.WARNING(note))
