from django.core.management.base import BaseCommand, CommandError

from smenet.search import registry
from smenet.search.indexing import rebuild


class Command(BaseCommand):
    help = "Rebuild the search index from the database (all types, or those given)."

    def add_arguments(self, parser):
        parser.add_argument("types", nargs="*", metavar="TYPE")

    def handle(self, *args, types: list[str], **options):
        unknown = sorted(set(types) - set(registry.types()))
        if unknown:
            raise CommandError(f"Unknown types: {', '.join(unknown)}")
        for name, count in rebuild(types or None).items():
            self.stdout.write(f"{name}: {count}")
