import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from shop.payments.reconciliation import failure_reason, run_reconciliation


class Command(BaseCommand):
    help = (
        "Compare Stripe's payments and refunds of the last days with the orders; record the run and list "
        "every mismatch. Production runs it daily from cron; `make run` runs it on start and then daily."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=3, help="How many days of payments and orders to compare (3).")
        parser.add_argument("--every", type=int, default=0, help="Keep running, once every N seconds (a failed run is recorded and retried next time).")

    def handle(self, *args, days, every=0, **options):
        if days < 1:
            raise CommandError("--days must be at least 1.")
        while True:
            try:
                run = run_reconciliation(days=days)
            except Exception as error:
                if not every:
                    raise CommandError(f"Reconciliation failed: {failure_reason(error)}") from None
                self.stderr.write(f"{timezone.now():%Y-%m-%d %H:%M} reconciliation failed: {failure_reason(error)}")
            else:
                for mismatch in run.mismatches.all():
                    self.stdout.write(f"{mismatch.get_kind_display()}: {mismatch.detail}")
                self.stdout.write(
                    f"Compared {run.payments_compared} Stripe payment(s) and {run.orders_compared} order(s) "
                    f"of the last {days} day(s): {run.mismatches_found} mismatch(es)."
                )
            if not every:
                return
            time.sleep(every)
