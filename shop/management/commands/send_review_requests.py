import time

from django.core.management.base import BaseCommand

from shop.orders.review_requests import send_due_review_requests


class Command(BaseCommand):
    help = "E-mail the review request of every order shipped SHOP_REVIEW_REQUEST_DAYS ago (once per order). Run it from cron."

    def add_arguments(self, parser):
        parser.add_argument("--every", type=int, default=0, help="Keep running, checking every N seconds.")

    def handle(self, *args, every=0, **options):
        while True:
            count = send_due_review_requests()
            if count or not every:
                self.stdout.write(f"Sent {count} review request(s).")
            if not every:
                return
            time.sleep(every)
