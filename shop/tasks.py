"""Background work (django-tasks): order e-mails and the expiry job."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task

from .models import Order


@task()
def send_order_confirmation(order_id: int) -> bool:
    """Send the order confirmation once, however often this task runs."""
    with transaction.atomic():
        order = Order.objects.select_for_update().filter(pk=order_id, confirmation_sent_at__isnull=True).first()
        if order is None:
            return False
        context = {"order": order, "lines": list(order.lines.all()), "site_url": settings.WAGTAILADMIN_BASE_URL}
        message = EmailMultiAlternatives(
            subject=f"Your ClinicRed order {order.number} is confirmed",
            body=render_to_string("shop/email/order_confirmation.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[order.email],
        )
        message.attach_alternative(render_to_string("shop/email/order_confirmation.html", context), "text/html")
        message.send()
        order.confirmation_sent_at = timezone.now()
        order.save(update_fields=["confirmation_sent_at"])
        return True


@task()
def expire_unpaid_orders() -> int:
    from .orders import expire_unpaid_orders as expire

    return expire()
