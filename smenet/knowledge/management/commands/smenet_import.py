from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from smenet.knowledge.importer import ImportFailed, import_best_practices

IMPORTERS = {"best-practices": import_best_practices}


class Command(BaseCommand):
    help = "Bulk import (all or nothing): smenet_import best-practices FILE.jsonl"

    def add_arguments(self, parser):
        parser.add_argument("kind", help=", ".join(IMPORTERS))
        parser.add_argument("file")

    def handle(self, *args, kind: str, file: str, **options):
        importer = IMPORTERS.get(kind)
        if importer is None:
            raise CommandError(
                _("Unknown kind %(kind)s; expected one of: %(kinds)s")
                % {"kind": kind, "kinds": ", ".join(IMPORTERS)}
            )
        try:
            result = importer(file)
        except ImportFailed as exc:
            summary = _("Nothing was imported: %(count)s error(s).") % {"count": len(exc.errors)}
            raise CommandError("\n".join([*exc.errors, summary])) from exc
        self.stdout.write(
            _("Imported %(total)s best practices: %(created)s new, %(updated)s updated.")
            % {
                "total": result.created + result.updated,
                "created": result.created,
                "updated": result.updated,
            }
        )
