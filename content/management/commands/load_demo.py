from django.core.management.base import BaseCommand

from content.demo import ensure_admin, load_demo


class Command(BaseCommand):
    help = "Load the demo store (pages, article, products, sample reviews). Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--with-admin", action="store_true", help="Also create an admin user with a random password.")

    def handle(self, *args, with_admin=False, **options):
        load_demo(log=self.stdout.write)
        if with_admin:
            ensure_admin(log=self.stdout.write)
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
