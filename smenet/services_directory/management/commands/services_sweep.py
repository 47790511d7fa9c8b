from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from smenet.services_directory.services import services_flag_unconfirmed


class Command(BaseCommand):
    help = (
        "Flag services nobody confirmed for a year and remind their focal points (the task "
        "worker does this daily; run it from cron where no worker runs)."
    )

    def handle(self, *args, **options):
        flagged = services_flag_unconfirmed()
        count = sum(len(ids) for ids in flagged.values())
        self.stdout.write(
            _("%(count)s services flagged, %(institutions)s institutions reminded.")
            % {"count": count, "institutions": len(flagged)}
        )
