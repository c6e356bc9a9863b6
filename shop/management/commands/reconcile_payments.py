from django.core.management.base import BaseCommand, CommandError

from shop.payments import stripe_api
from shop.payments.reconciliation import reconcile


class Command(BaseCommand):
    help = "Compare Stripe's payments and refunds of the last days with the orders; list every mismatch."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=3)

    def handle(self, *args, days, **options):
        try:
            found = reconcile(days=days)
        except stripe_api.PaymentError as error:
            raise CommandError(f"Stripe could not be reached: {error}") from None
        for mismatch in found:
            self.stdout.write(f"{mismatch.get_kind_display()}: {mismatch.detail}")
        self.stdout.write(f"{len(found)} mismatch(es).")
