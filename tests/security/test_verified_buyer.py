"""'Verified buyer' is proven, never typed (issue 14, point 3).

The badge comes only from the review link each line of a paid order gets (order e-mails, order page):
a signed token naming the order line. Typing a paying customer's e-mail on the public form gives no
badge; a forged, tampered or other product's link is refused with a message; an unpaid or fully
refunded order proves nothing; each line can be reviewed once.
"""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail, signing

from shop.catalogue.reviews import REVIEW_LINK_SALT, review_link, set_status, with_verified
from shop.models import Order, Product, Review, ShippingMethod
from shop.orders.checkout import Customer, place_order
from shop.orders.emails import send_shipping_email
from shop.orders.payment_events import mark_paid, record_refund
from shop.orders.staff import fulfil

BUYER = "paying.shopper@example.com"
LINK = re.compile(r"https?://[^\s\"<>]+/shop/([\w-]+)/review/([^/\s\"<>]+)/")
REVIEW = {"rating": "5", "title": "Part of my evenings", "body": "Easy to use and well made.", "author_name": "Shopper"}


@pytest.fixture
def order_manager(django_user_model, demo):
    user = django_user_model.objects.create_user("order-manager", "om@example.com", "pw")
    user.groups.add(Group.objects.get(name="Order managers"))
    return user


@pytest.fixture
def place(demo):
    counter = {"n": 0}

    def make(*slugs: str) -> Order:
        counter["n"] += 1
        customer = Customer(email=BUYER, full_name="Test Shopper", address_line1="1 Main Street", address_line2="",
                            city="Springfield", region="IL", postal_code="62701")
        return place_order(items={str(Product.objects.get(slug=slug).pk): 1 for slug in slugs}, customer=customer,
                           shipping_method_id=ShippingMethod.objects.get(name="Standard").pk, checkout_key=f"proof-{counter['n']}")

    return make


@pytest.fixture
def paid(place, django_capture_on_commit_callbacks):
    """Place and pay an order (Stripe's word, as the webhook gives it); the confirmation e-mail goes out."""

    def make(*slugs: str) -> Order:
        order = place(*slugs)
        with django_capture_on_commit_callbacks(execute=True):
            assert mark_paid(order_id=order.pk, payment_intent_id=f"pi_proof_{order.pk}", amount=order.total_cents, currency="usd")
        order.refresh_from_db()
        return order

    return make


def links_in(message) -> dict[str, str]:
    """Product slug -> review link path, from a message's text; the HTML part carries the same links."""
    found = {slug: f"/shop/{slug}/review/{signed}/" for slug, signed in LINK.findall(message.body)}
    assert {slug: f"/shop/{slug}/review/{signed}/" for slug, signed in LINK.findall(message.alternatives[0][0])} == found
    return found


def shown(client, review: Review) -> str:
    page = client.get(review.product.get_absolute_url()).content.decode()
    start = page.index(f'id="review-{review.pk}"')
    return page[start: page.index("</li>", start)]


def test_typing_a_paying_customers_email_gives_no_badge(client, paid, order_manager):
    paid("clinicred")
    response = client.post("/shop/clinicred/reviews/", {**REVIEW, "title": "Forged badge", "email": BUYER.upper()})
    assert response.status_code == 302
    review = Review.objects.get(title="Forged badge")
    set_status([review.pk], Review.Status.APPROVED, user=order_manager)
    assert "Verified buyer" not in shown(client, review)
    assert not review.is_verified_buyer and not with_verified(Review.objects.filter(pk=review.pk)).get().verified
    assert "marks you as a verified buyer" not in client.get("/shop/clinicred/").content.decode()


def test_the_link_in_the_confirmation_email_gives_a_verified_review_once_approved(client, paid, order_manager):
    order = paid("clinicred", "protective-glasses")
    (message,) = [m for m in mail.outbox if "is confirmed" in m.subject]
    links = links_in(message)
    assert set(links) == {"clinicred", "protective-glasses"}

    page = client.get(links["clinicred"])
    assert page.status_code == 200 and "no-store" in page["Cache-Control"] and "Review ClinicRed" in page.content.decode()
    response = client.post(links["clinicred"], REVIEW, follow=True)
    assert "Thank you! Your review will appear once a moderator has read it." in response.content.decode()
    review = Review.objects.get(title=REVIEW["title"])
    assert review.order_line == order.lines.get(product__slug="clinicred") and review.status == Review.Status.PENDING
    assert review.product.slug == "clinicred" and review.email == BUYER

    assert review.pk and REVIEW["title"] not in client.get("/shop/clinicred/").content.decode()  # waits for moderation
    set_status([review.pk], Review.Status.APPROVED, user=order_manager)
    assert "Verified buyer" in shown(client, review)


def test_the_shipping_email_and_the_order_page_carry_the_links(client, paid, order_manager, django_capture_on_commit_callbacks):
    order = paid("clinicred")
    with django_capture_on_commit_callbacks(execute=True):
        fulfil(order_id=order.pk, carrier="UPS", tracking_number="1Z999AA10123456784", user=order_manager)
    send_shipping_email.enqueue(order.pk)
    (shipped,) = [m for m in mail.outbox if "has shipped" in m.subject]
    (link,) = links_in(shipped).values()
    page = client.get(order.get_absolute_url()).content.decode()
    assert f'href="{link}"' in page and "Review this product" in page
    assert client.get(link).status_code == 200


def test_a_second_use_of_the_link_changes_nothing(client, paid):
    order = paid("clinicred")
    link = review_link(order.lines.get())
    client.post(link, REVIEW)
    response = client.post(link, {**REVIEW, "title": "Second go", "rating": "1"})
    assert response.status_code == 409
    assert "already reviewed with this link" in response.content.decode()
    assert list(Review.objects.filter(order_line__order=order).values_list("title", "rating")) == [(REVIEW["title"], 5)]
    page = client.get(link).content.decode()
    assert "You reviewed this item with this link" in page and "<form" not in page.split("</header>")[-1]


def signed_for(value) -> str:
    return signing.Signer(salt=REVIEW_LINK_SALT).sign_object(value)


@pytest.mark.parametrize(
    "make_path, status, message",
    [
        (lambda line: f"/shop/clinicred/review/{signing.Signer().sign_object(line.pk)}/", 404, "not valid"),  # signed without our salt
        (lambda line: review_link(line)[:-3] + "x/", 404, "not valid"),  # tampered signature
        (lambda line: f"/shop/clinicred/review/{signed_for(line.pk)[:-1] + 'A'}/", 404, "not valid"),
        (lambda line: f"/shop/clinicred/review/{signed_for(line.pk + 1000)}/", 404, "not for this product"),  # no such line
        (lambda line: f"/shop/clinicred/review/{signed_for('x')}/", 404, "not for this product"),
        (lambda line: review_link(line).replace("/shop/clinicred/", "/shop/protective-glasses/"), 404, "not for this product"),
        (lambda line: f"/shop/clinicred/review/{'a' * 300}/", 404, "not valid"),
        (lambda line: "/shop/clinicred/review/%00%ff'\"<x>/", 404, "not valid"),
    ],
    ids=["unsalted", "tampered", "tampered-2", "other-line", "not-a-line", "other-product", "long", "junk"],
)
def test_a_forged_tampered_or_other_products_link_is_refused(client, paid, make_path, status, message):
    order = paid("clinicred")
    path = make_path(order.lines.get())
    for response in (client.get(path), client.post(path, REVIEW)):
        assert response.status_code == status
        assert message in response.content.decode()
    assert not Review.objects.exists() or not Review.objects.filter(title=REVIEW["title"]).exists()


def test_an_unpaid_orders_line_gives_no_badge(client, place, order_manager):
    order = place("clinicred")
    line = order.lines.get()
    assert review_link(line) == ""  # no link is shown or sent
    assert "Review this product" not in client.get(order.get_absolute_url()).content.decode()
    forged = f"/shop/clinicred/review/{signed_for(line.pk)}/"  # as if the secret leaked: still refused
    response = client.post(forged, REVIEW)
    assert response.status_code == 403 and "not paid" in response.content.decode()
    assert not Review.objects.filter(title=REVIEW["title"]).exists()
    review = Review.objects.create(product=line.product, order_line=line, rating=5, title="Unpaid", body="b", author_name="a",
                                   status=Review.Status.APPROVED)
    assert not review.is_verified_buyer and "Verified buyer" not in shown(client, review)


def test_a_fully_refunded_order_loses_the_badge_and_its_link(client, paid, order_manager, django_capture_on_commit_callbacks):
    order = paid("clinicred")
    link = review_link(order.lines.get())
    client.post(link, REVIEW)
    review = Review.objects.get(title=REVIEW["title"])
    set_status([review.pk], Review.Status.APPROVED, user=order_manager)
    assert "Verified buyer" in shown(client, review)
    with django_capture_on_commit_callbacks(execute=True):
        record_refund(order_id=order.pk, amount_refunded=order.total_cents)
    assert "Verified buyer" not in shown(client, review)
    assert client.get(link).status_code == 403


def test_a_review_link_is_not_a_cross_site_form(paid):
    from django.test import Client

    order = paid("clinicred")
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(review_link(order.lines.get()), REVIEW).status_code == 403
    assert not Review.objects.filter(title=REVIEW["title"]).exists()
