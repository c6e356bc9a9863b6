"""The order e-mails, as django-tasks tasks: the confirmation once paid, the shipping notice once
fulfilled, a refund notice per refund. Each is sent once however often its task runs (staff may send
the first two again on purpose), and recorded in the order's timeline."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task
from wagtail.log_actions import log

from ..pricing import format_money
from .models import Order, Refund, Shipment


def _send_order_email(order: Order, *, template: str, subject: str, label: str, **extra) -> None:
    """Render shop/email/<template>.txt and .html for the order, send them, record it in the timeline."""
    context = {"order": order, "lines": list(order.lines.select_related("product")), "site_url": settings.WAGTAILADMIN_BASE_URL, **extra}
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"shop/email/{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[order.email],
    )
    message.attach_alternative(render_to_string(f"shop/email/{template}.html", context), "text/html")
    message.send()
    log(order, "shop.order.email", data={"email": label, "to": order.email})


@task()
def send_order_confirmation(order_id: int) -> bool:
    """Send the order confirmation once, however often this task runs."""
    with transaction.atomic():
        order = Order.objects.select_for_update().filter(pk=order_id, confirmation_sent_at__isnull=True).first()
        if order is None:
            return False
        _send_order_email(
            order, template="order_confirmation", subject=f"Your ClinicRed order {order.number} is confirmed", label="order confirmation"
        )
        order.confirmation_sent_at = timezone.now()
        order.save(update_fields=["confirmation_sent_at"])
        return True


@task()
def send_shipping_email(order_id: int) -> bool:
    """Tell the customer the order has shipped, with the tracking link; once."""
    with transaction.atomic():
        shipment = (
            Shipment.objects.select_for_update().select_related("order").filter(order_id=order_id, email_sent_at__isnull=True).first()
        )
        if shipment is None:
            return False
        _send_order_email(
            shipment.order,
            template="order_shipped",
            subject=f"Your ClinicRed order {shipment.order.number} has shipped",
            label="shipping notice",
            shipment=shipment,
        )
        shipment.email_sent_at = timezone.now()
        shipment.save(update_fields=["email_sent_at"])
        return True


@task()
def send_refund_email(refund_id: int) -> bool:
    """Tell the customer what was refunded (lines, shipping, amount); once per refund."""
    with transaction.atomic():
        refund = Refund.objects.select_for_update().select_related("order").filter(pk=refund_id, email_sent_at__isnull=True).first()
        if refund is None:
            return False
        _send_order_email(
            refund.order,
            template="order_refunded",
            subject=f"Your ClinicRed order {refund.order.number}: refund of {format_money(refund.amount_cents)}",
            label="refund notice",
            refund=refund,
            refund_lines=list(refund.lines.select_related("order_line")),
        )
        refund.email_sent_at = timezone.now()
        refund.save(update_fields=["email_sent_at"])
        return True


@task()
def resend_order_email(order_id: int, email: str) -> bool:
    """Send the confirmation ("confirmation") or the shipping notice ("shipping") again, as staff asked."""
    order = Order.objects.get(pk=order_id)
    if email == "confirmation" and order.paid_at is not None:
        _send_order_email(order, template="order_confirmation", subject=f"Your ClinicRed order {order.number} is confirmed", label="order confirmation (again)")
        return True
    shipment = Shipment.objects.filter(order=order).first()
    if email == "shipping" and shipment is not None:
        _send_order_email(
            order, template="order_shipped", subject=f"Your ClinicRed order {order.number} has shipped", label="shipping notice (again)", shipment=shipment
        )
        return True
    return False


# Find my order (shop/orders/lookup.py): the request enqueues this with whatever was typed, so the
# shopper's answer never depends on whether an order matched; only a match sends anything.
@task()
def send_order_link(email: str, number: str) -> bool:
    """E-mail the order's link to the address it was placed with, if `email` and `number` name an order."""
    from .lookup import matching_order  # lookup enqueues this task, so it is imported here, not above

    order = matching_order(email=email, number=number)
    if order is None:
        return False
    _send_order_email(order, template="order_link", subject=f"Your link to ClinicRed order {order.number}", label="order link")
    return True
