"""The orders export a bookkeeper can use: one row per order line, in CSV or XLSX.

It is the order listing's own CSV/XLSX export (Wagtail's SpreadsheetExportMixin, on the filtered list of
/admin/orders/), with each order expanded into its lines:

* dates in ISO 8601, UTC, to the second (text in CSV; date cells shown the same way in XLSX);
* every amount twice: in dollars as a number with two decimals, and in integer cents; the currency;
* the order's payment and fulfilment status in words, the shipping address, carrier and tracking;
* the discount code used, and order-level amounts (discount, shipping, order total, refunded), only on
  an order's first line, so that summing a column counts each order once (as Shopify's export does);
  an order's total is its line totals, less the discount, plus shipping;
* text that a spreadsheet would read as a formula (starting with = + - @, a tab or a carriage return)
  is neutralised with a leading apostrophe, in both formats. Wagtail 8.0 only keeps openpyxl from
  writing "=..." as a formula in XLSX, and does nothing for CSV.
"""

from __future__ import annotations

import datetime
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet
from wagtail.snippets.views.snippets import IndexView

from .. import pricing
from .models import Order, OrderLine


@dataclass(frozen=True)
class StatusWords:
    payment: str
    fulfilment: str
    order: str


def status_words(order: Order) -> StatusWords:
    """The order's payment and fulfilment status, as staff read them. The one place that knows which
    fields hold them (the export reads them here); `order` is Open or Cancelled."""
    return StatusWords(
        payment=order.get_payment_status_display(),
        fulfilment=order.get_fulfilment_status_display(),
        order=order.get_status_display(),
    )


# (field, heading), in the order of the columns.
COLUMNS = [
    ("order_number", "Order"),
    ("placed_at", "Placed at (UTC)"),
    ("paid_at", "Paid at (UTC)"),
    ("payment_status", "Payment status"),
    ("fulfilment_status", "Fulfilment status"),
    ("order_status", "Order status"),
    ("customer_name", "Customer"),
    ("customer_email", "E-mail"),
    ("sku", "SKU"),
    ("product", "Product"),
    ("quantity", "Quantity"),
    ("currency", "Currency"),
    ("unit_price", "Unit price"),
    ("unit_price_cents", "Unit price (cents)"),
    ("line_total", "Line total"),
    ("line_total_cents", "Line total (cents)"),
    ("discount_code", "Discount code"),
    ("discount", "Order discount"),
    ("discount_cents", "Order discount (cents)"),
    ("shipping", "Order shipping"),
    ("shipping_cents", "Order shipping (cents)"),
    ("order_total", "Order total"),
    ("order_total_cents", "Order total (cents)"),
    ("refunded", "Order refunded"),
    ("refunded_cents", "Order refunded (cents)"),
    ("address_line1", "Address"),
    ("address_line2", "Address line 2"),
    ("city", "City"),
    ("region", "State"),
    ("postal_code", "ZIP code"),
    ("country", "Country"),
    ("shipping_method", "Shipping method"),
    ("carrier", "Carrier"),
    ("tracking_number", "Tracking number"),
    ("shipped_at", "Shipped at (UTC)"),
    ("payment_intent", "Stripe payment"),
]
LIST_EXPORT = [field for field, _ in COLUMNS]
EXPORT_HEADINGS = dict(COLUMNS)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_DATETIME_FORMAT = 'yyyy-mm-dd"T"hh:mm:ss'
XLSX_AMOUNT_FORMAT = "0.00"


def neutralise(value):
    """Text a spreadsheet would run as a formula, made plain text with a leading apostrophe (OWASP's
    advice for CSV injection); numbers and dates pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def dollars(cents: int) -> Decimal:
    """Cents as a dollar amount with two decimals, a number in the spreadsheet."""
    return Decimal(pricing.cents_to_decimal_string(cents))


def utc(moment: datetime.datetime | None) -> datetime.datetime | None:
    """A moment in UTC, to the second."""
    return moment.astimezone(datetime.UTC).replace(microsecond=0) if moment else None


@dataclass(frozen=True)
class ExportLine:
    order: Order
    line: OrderLine
    first: bool  # the order's first line: it carries the order-level amounts


def export_lines(orders: Iterable[Order]) -> Iterator[ExportLine]:
    """Each line of each order, in the orders' order."""
    if isinstance(orders, QuerySet):
        orders = orders.select_related("shipment", "shipping_method").prefetch_related("lines").iterator(chunk_size=500)
    for order in orders:
        for index, line in enumerate(order.lines.all()):
            yield ExportLine(order=order, line=line, first=index == 0)


def line_row(item: ExportLine) -> OrderedDict:
    """One line's row: field -> value (numbers as Decimal/int, moments as UTC datetimes)."""
    order, line = item.order, item.line
    shipment = getattr(order, "shipment", None)
    statuses = status_words(order)
    order_amounts = {
        "discount": order.discount_cents,
        "shipping": order.shipping_cents,
        "order_total": order.total_cents,
        "refunded": order.amount_refunded_cents,
    }
    row = OrderedDict(
        order_number=order.number,
        placed_at=utc(order.created_at),
        paid_at=utc(order.paid_at),
        payment_status=statuses.payment,
        fulfilment_status=statuses.fulfilment,
        order_status=statuses.order,
        customer_name=order.full_name,
        customer_email=order.email,
        sku=line.sku,
        product=line.name,
        quantity=line.quantity,
        currency=order.currency.upper(),
        unit_price=dollars(line.unit_price_cents),
        unit_price_cents=line.unit_price_cents,
        line_total=dollars(line.line_total_cents),
        line_total_cents=line.line_total_cents,
        discount_code=order.discount_code if item.first else "",
    )
    for name, cents in order_amounts.items():
        row[name] = dollars(cents) if item.first else None
        row[f"{name}_cents"] = cents if item.first else None
    row.update(
        address_line1=order.address_line1,
        address_line2=order.address_line2,
        city=order.city,
        region=order.region,
        postal_code=order.postal_code,
        country=order.country,
        shipping_method=order.shipping_name,
        carrier=shipment.carrier if shipment else "",
        tracking_number=shipment.tracking_number if shipment else "",
        shipped_at=utc(shipment.shipped_at) if shipment else None,
        payment_intent=order.payment_intent_id,
    )
    return row


class OrderLinesExportMixin:
    """Turns a listing's spreadsheet export of orders into one row per order line (see the module)."""

    list_export = LIST_EXPORT
    export_headings = EXPORT_HEADINGS
    export_filename = "order-lines"

    def as_spreadsheet(self, queryset, spreadsheet_format):
        return super().as_spreadsheet(export_lines(queryset), spreadsheet_format)

    def get_heading(self, queryset, field):
        return self.export_headings.get(field, field)

    def to_row_dict(self, item: ExportLine) -> OrderedDict:
        return line_row(item)

    def preprocess_field_value(self, field, value, export_format):
        if value is None:
            return ""
        if isinstance(value, datetime.datetime):
            # CSV: ISO 8601 text; XLSX: a date cell (openpyxl wants it naive), formatted as ISO below.
            return value.isoformat() if export_format == self.FORMAT_CSV else value.replace(tzinfo=None)
        if isinstance(value, (int, Decimal)):
            return value
        return neutralise(super().preprocess_field_value(field, value, export_format))

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        for cell, value in zip(super().generate_xlsx_row(worksheet, row_dict, XLSX_DATETIME_FORMAT), row_dict.values(), strict=True):
            if isinstance(value, Decimal):
                cell.number_format = XLSX_AMOUNT_FORMAT
            yield cell


class OrderIndexView(OrderLinesExportMixin, IndexView):
    """The orders listing; its CSV/XLSX export has one row per order line."""
