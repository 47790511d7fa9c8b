from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from smenet.knowledge.importer import ImportFailed, import_best_practices
from smenet.services_directory.importer import ImportFailed as ServicesImportFailed
from smenet.services_directory.importer import import_services
from smenet.statistics.importer import ImportFailed as StatisticsImportFailed
from smenet.statistics.importer import import_statistics


def _best_practices(file: str) -> str:
    result = import_best_practices(file)
    return _("Imported %(total)s best practices: %(created)s new, %(updated)s updated.") % {
        "total": result.created + result.updated,
        "created": result.created,
        "updated": result.updated,
    }


def _statistics(file: str) -> str:
    result = import_statistics(file)
    return _(
        "Read %(records)s observations (%(format)s): %(created)s new, %(revised)s revised, "
        "%(unchanged)s unchanged."
    ) % {
        "records": result.records,
        "format": result.format,
        "created": result.created,
        "revised": result.revised,
        "unchanged": result.unchanged,
    }


def _services(file: str) -> str:
    result = import_services(file)
    return _(
        "Read %(total)s services: %(created)s new, %(updated)s updated, %(unchanged)s unchanged."
    ) % {
        "total": result.total,
        "created": result.created,
        "updated": result.updated,
        "unchanged": result.unchanged,
    }


#: kind → importer returning its summary line; each raises an ImportFailed listing the errors.
IMPORTERS = {
    "best-practices": _best_practices,
    "services": _services,
    "statistics": _statistics,
}


class Command(BaseCommand):
    help = "Bulk import (all or nothing): smenet_import best-practices|services|statistics FILE"

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
            summary = importer(file)
        except (ImportFailed, ServicesImportFailed, StatisticsImportFailed) as exc:
            summary = _("Nothing was imported: %(count)s error(s).") % {"count": len(exc.errors)}
            raise CommandError("\n".join([*exc.errors, summary])) from exc
        self.stdout.write(summary)
