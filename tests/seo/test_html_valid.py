"""Every public page is valid HTML (the Nu HTML Checker, the W3C's own; it also faults a heading that skips a level).

The pages are rendered by the Django test client in the states a shopper meets them (an empty and a full
cart, checkout with its error summary, an unpaid and a paid order, ...), written to a temporary folder and
checked by one run of vnu.jar (one JVM start: it is slow). `make install-test` installs the jar
(tools/package.json); without Java or the jar this test fails, it does not skip.
"""

import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.test import TestCase
from django.core import mail
from django.template.loader import render_to_string
from PIL import Image

from content.models import ArticlePage, LearnIndexPage
from shop.catalogue.review_photos import attach_photos, reencode
from shop.catalogue.reviews import review_link
from shop.models import Product, Review, ShippingMethod
from shop.orders.checkout import Customer, place_order
from shop.orders.payment_events import mark_paid

VNU_JAR = Path(__file__).resolve().parents[2] / "tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# A page the checker must fault: proof that a run which reports nothing really checked the files.
BROKEN = "<!doctype html><html lang=en><head><title>x</title></head><body><p><div>block in a paragraph</p></div></body></html>"

CUSTOMER = Customer(
    email="shopper@example.com", full_name="Test Shopper", address_line1="1 Main Street", address_line2="",
    city="Springfield", region="IL", postal_code="62701",
)


def _get(client, path, status=200, **extra):
    response = client.get(path, **extra)
    assert response.status_code == status, (path, response.status_code)
    return response.content.decode()


def _order(slug, key):
    product = Product.objects.get(slug=slug)
    return place_order(
        items={str(product.pk): 1}, customer=CUSTOMER, shipping_method_id=ShippingMethod.objects.get(name="Standard").pk,
        checkout_key=key,
    )


def public_pages(client):
    """{name: html} for every public page, in each state worth checking."""
    pages = {}
    pages["home"] = _get(client, "/")
    pages["learn"] = _get(client, LearnIndexPage.objects.live().first().url)
    for article in ArticlePage.objects.live():
        pages[f"article-{article.slug}"] = _get(client, article.url)
    pages["shop"] = _get(client, "/shop/")
    products = list(Product.objects.live())
    assert len(products) >= 3
    Review.objects.create(product=products[0], rating=4, title="Works for me", body="Warm and easy to use.", author_name="Sam", status=Review.Status.APPROVED, reply="Thank you for writing.")
    for product in products:
        pages[f"product-{product.slug}"] = _get(client, product.get_absolute_url())
    slug = products[0].slug
    pages["product-filtered"] = _get(client, f"/shop/{slug}/?rating=4&sort=lowest")
    pages["product-filtered-empty"] = _get(client, f"/shop/{slug}/?rating=1")
    review_errors = client.post(f"/shop/{slug}/reviews/", {"title": "", "body": ""})
    assert review_errors.status_code == 400
    pages["product-review-errors"] = review_errors.content.decode()
    pages["search"] = _get(client, "/search/")
    pages["search-results"] = _get(client, "/search/?q=neuropathy")
    pages["search-products"] = _get(client, "/search/?q=glasses")
    pages["search-nothing"] = _get(client, "/search/?q=zzzqqq")
    pages["cart-empty"] = _get(client, "/cart/")
    pages["not-found"] = _get(client, "/no-such-page/", status=404)
    pages["server-error"] = render_to_string("500.html")  # what Django shows on a 500 (DEBUG off)
    pages["cross-site-refused"] = client.post("/cart/add/", {"product": products[0].pk, "quantity": "1"}, HTTP_SEC_FETCH_SITE="cross-site", HTTP_ORIGIN="https://elsewhere.example").content.decode()

    # A line in the cart: the "added" banner, the cart, checkout and checkout with its errors shown.
    added = client.post("/cart/add/", {"product": products[0].pk, "quantity": "1", "next": "/shop/"}, follow=True)
    assert added.status_code == 200 and "cart-added" in added.content.decode()
    pages["shop-cart-added"] = added.content.decode()
    pages["cart"] = _get(client, "/cart/")
    pages["checkout"] = _get(client, "/checkout/")
    errors = client.post("/checkout/", {"email": "not-an-address", "postal_code": "1"})
    assert errors.status_code in (200, 400) and "There is a problem" in errors.content.decode()
    pages["checkout-errors"] = errors.content.decode()
    bad_code = client.post("/checkout/", {"discount_action": "apply", "discount_code": "NOT-A-CODE"})
    assert bad_code.status_code == 400 and "We don&#x27;t recognise that code" in bad_code.content.decode()
    pages["checkout-discount-refused"] = bad_code.content.decode()
    applied = client.post("/checkout/", {"discount_action": "apply", "discount_code": "WELCOME10"})
    assert applied.status_code == 200 and "Code WELCOME10 applied" in applied.content.decode()
    pages["checkout-discount-applied"] = applied.content.decode()

    # Orders: one waiting for its payment, one paid (with its review link), and that link's page.
    unpaid = _order(products[1].slug, "html-valid-unpaid")
    pages["order-unpaid"] = _get(client, f"/orders/{unpaid.token}/")
    paid = _order(products[0].slug, "html-valid-paid")
    assert mark_paid(order_id=paid.pk, payment_intent_id="pi_html_valid", amount=paid.total_cents, currency="usd")
    pages["order-paid"] = _get(client, f"/orders/{paid.token}/")
    discounted = place_order(
        items={str(products[0].pk): 1}, customer=CUSTOMER, shipping_method_id=ShippingMethod.objects.get(name="Standard").pk,
        checkout_key="html-valid-discounted", discount_code="WELCOME10",
    )
    assert mark_paid(order_id=discounted.pk, payment_intent_id="pi_html_valid_discount", amount=discounted.total_cents, currency="usd")
    pages["order-paid-discounted"] = _get(client, f"/orders/{discounted.token}/")
    assert "Discount (WELCOME10)" in pages["order-paid-discounted"]
    pages["order-receipt-discounted"] = _get(client, f"/orders/{discounted.token}/receipt/")
    paid.refresh_from_db()
    link = review_link(paid.lines.get())
    assert link and link in pages["order-paid"]
    pages["review-with-link"] = _get(client, link)
    bad = client.post(link, {"title": ""})
    assert bad.status_code == 400
    pages["review-with-link-errors"] = bad.content.decode()
    pages["review-link-refused"] = _get(client, f"/shop/{slug}/review/forged/", status=404)
    pages["receipt"] = _get(client, f"/orders/{paid.token}/receipt/")
    pages["find-order"] = _get(client, "/shop/orders/find/")
    found = client.post("/shop/orders/find/", {"email": CUSTOMER.email, "number": paid.number}, follow=True)
    assert found.status_code == 200
    pages["find-order-sent"] = found.content.decode()
    not_filled = client.post("/shop/orders/find/", {})
    assert "There is a problem" in not_filled.content.decode()
    pages["find-order-errors"] = not_filled.content.decode()

    # A review with a photo: the "With photos" list, and the answer to a helpful vote without JavaScript.
    with TestCase.captureOnCommitCallbacks(execute=True):  # the product's review figures are kept on commit
        photo_review = Review.objects.create(product=products[0], rating=5, title="With a photo", body="Sturdy.", author_name="Sam", status=Review.Status.APPROVED)
        picture = io.BytesIO()
        Image.new("RGB", (60, 40), (200, 40, 40)).save(picture, "PNG")
        stored = attach_photos(photo_review, [reencode(picture)])
    pages["product-with-photos"] = _get(client, f"/shop/{slug}/?sort=photos")
    voted = client.post(f"/shop/{slug}/reviews/{photo_review.pk}/helpful/", {"next": f"/shop/{slug}/?sort=photos"}, follow=True)
    assert voted.status_code == 200 and "Thank you for your feedback." in voted.content.decode()
    pages["product-helpful-voted"] = voted.content.decode()
    for photo in stored:
        photo.image.delete(save=False)
        photo.thumbnail.delete(save=False)
    mail.outbox.clear()
    return pages


def run_vnu(files):
    """The checker's errors: [{"url", "lastLine", "message", ...}], from one JVM for every file."""
    java = shutil.which("java")
    if java is None:
        pytest.fail("Java is not installed: the Nu HTML Checker needs it (Debian: apt-get install default-jre-headless).")
    if not VNU_JAR.exists():
        pytest.fail(f"{VNU_JAR} is missing: run `make install-test` (it installs tools/package.json's vnu-jar).")
    done = subprocess.run(
        [java, "-Xss8m", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True, text=True, timeout=600,
    )
    try:
        return json.loads(done.stderr)["messages"]
    except (ValueError, KeyError):
        pytest.fail(f"The Nu HTML Checker did not answer in JSON (exit {done.returncode}):\n{done.stderr[-2000:]}")


def test_every_public_page_is_valid_html(client, demo, tmp_path):
    pages = public_pages(client)
    for name, html in pages.items():
        (tmp_path / f"{name}.html").write_text(html, encoding="utf-8")
    (tmp_path / "sentinel-broken.html").write_text(BROKEN, encoding="utf-8")

    messages = run_vnu(sorted(tmp_path.glob("*.html")))

    def page_of(message):
        return message.get("url", "").rsplit("/", 1)[-1].removesuffix(".html")

    errors = [m for m in messages if m.get("type") == "error" or m.get("subType") == "fatal"]
    assert any(page_of(m) == "sentinel-broken" for m in errors), f"vnu found nothing wrong with a broken page: {messages}"
    found = [m for m in errors if page_of(m) != "sentinel-broken"]
    report = "\n".join(
        f"{page_of(m)} line {m.get('lastLine', '?')}: {m.get('message')}\n    {(m.get('extract') or '').strip()[:200]}" for m in found
    )
    assert not found, f"{len(found)} HTML error(s):\n{report}"
