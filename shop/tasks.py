"""The shop's scheduled jobs as django-tasks tasks, for a task runner: the expiry of unpaid orders (every
minute) and the reconciliation with Stripe (daily). The order e-mails are tasks too, in
shop/orders/emails.py; the orders code enqueues them."""

from __future__ import annotations

from django_tasks import task

from .orders import staff
from .payments import reconciliation


@task()
def expire_unpaid_orders() -> int:
    """Cancel unpaid orders past their expiry time; returns how many."""
    return staff.expire_unpaid_orders()


@task()
def reconcile_payments(days: int = 3) -> int:
    """Daily: compare Stripe with the orders, record the run; returns how many mismatches it found.
    (Production can run `manage.py reconcile_payments` from cron instead.)"""
    return reconciliation.run_reconciliation(days=days).mismatches_found


@task()
def send_review_requests() -> int:
    """Daily (or hourly): e-mail the review requests that are due, once per order; returns how many."""
    from .orders.review_requests import send_due_review_requests

    return send_due_review_requests()
