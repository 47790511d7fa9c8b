from django.core.management.base import BaseCommand

from smenet.demo.loader import load_demo_data


class Command(BaseCommand):
    help = "Load the demo data (the founding of the network and sample accounts) once."

    def handle(self, *args, **options):
        load_demo_data(verbosity=options["verbosity"])
