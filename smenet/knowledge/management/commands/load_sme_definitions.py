from django.core.management.base import BaseCommand

from smenet.knowledge.reference import load_sme_definitions


class Command(BaseCommand):
    help = "Load the national SME definitions (knowledge/data/sme_definitions.csv)."

    def handle(self, *args, **options):
        self.stdout.write(f"{load_sme_definitions()} SME size classes.")
