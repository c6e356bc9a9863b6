import time

from django.core.management.base import BaseCommand

from shop.orders.staff import expire_unpaid_orders


class Command(BaseCommand):
    help = "Cancel unpaid orders past their expiry time and release their stock."

    def add_arguments(self, parser):
        parser.add_argument("--every", type=int, default=0, help="Keep running, checking every N seconds.")

    def handle(self, *args, every=0, **options):
        while True:
            count = expire_unpaid_orders()
            if count or not every:
                self.stdout.write(f"Expired {count} unpaid order(s).")
            if not every:
                return
            time.sleep(every)
