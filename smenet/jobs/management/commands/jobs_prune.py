from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from smenet.jobs.services import jobs_prune


class Command(BaseCommand):
    help = (
        "Delete the input and result files of background jobs finished more than "
        "SMENET_JOB_FILES_DAYS days ago (the task worker does this daily; run it from cron "
        "where no worker runs)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days", type=int, default=None, help="Keep files this many days (default: setting)."
        )

    def handle(self, *args, **options):
        days = options["days"]
        if days is not None and days < 0:
            self.stderr.write(_("--days must be 0 or more."))
            raise SystemExit(2)
        pruned = jobs_prune(days=days)
        self.stdout.write(_("Files of %(count)s jobs deleted.") % {"count": pruned})
