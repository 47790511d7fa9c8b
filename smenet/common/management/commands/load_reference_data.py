from django.core.management.base import BaseCommand

from smenet.common.reference import load_reference_data


class Command(BaseCommand):
    help = (
        "Load or refresh the reference data (member states, institutions, partners, subjects, "
        "the founding bodies and decisions). Idempotent."
    )

    def handle(self, *args, **options):
        counts = load_reference_data()
        if options["verbosity"]:
            self.stdout.write(
                "Reference data: {countries} member states, {institutions} institutions, "
                "{subjects} subjects, {activity_types} activity types, "
                "{sme_definitions} SME size classes, {indicators} indicators, "
                "{figures} published SME figures, "
                "{decisions} founding decisions.".format(**counts)
            )
