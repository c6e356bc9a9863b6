"""Generated bad inputs to every public form, the review links and the webhook: never a 5xx, nothing changes.

`make test` tries FUZZ_EXAMPLES (default 300) inputs per test; `make fuzz` tries 3000. Hypothesis keeps
every failing input it finds in .hypothesis/ and tries it first on the next run.
"""

import os

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from shop.models import Order, Review, Stock

FUZZ = settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "300")), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
junk = st.one_of(
    st.text(max_size=40),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["", " ", "0", "-1", "1e9", "NaN", "None", "null", "[]", "{}", "1; DROP TABLE shop_order", "<script>", "\x00", "１", "a" * 250 + "@example.com", '"', '"ab']),
)
form = st.dictionaries(st.sampled_from(["product", "quantity", "price", "price_cents", "remove", "next", "email", "full_name", "address_line1", "city", "region", "postal_code", "shipping_method", "checkout_key", "rating", "title", "body", "author_name", "website", "total"]), junk, max_size=12)


@pytest.fixture
def snapshot(demo):
    def take():
        return (Order.objects.count(), sorted(Stock.objects.values_list("product_id", "on_hand")), Review.objects.count())

    return take


def check(response):
    assert response.status_code < 500, response.status_code


def test_cart_forms(client, snapshot):
    before = snapshot()

    @FUZZ
    @given(data=form)
    def run(data):
        check(client.post("/cart/add/", data))
        check(client.post("/cart/update/", data))

    run()
    assert snapshot() == before


def test_checkout_form(client, snapshot):
    from django.test import override_settings

    from shop.models import Product

    client.post("/cart/add/", {"product": Product.objects.get(slug="clinicred").pk, "quantity": "1"})
    before = snapshot()

    @FUZZ
    @given(data=form)
    def run(data):
        data = {k: v for k, v in data.items() if k != "checkout_key" or not v.isalnum()}
        check(client.post("/checkout/", data, HTTP_ACCEPT="application/json"))
        check(client.post("/checkout/", data))

    with override_settings(SHOP_CHECKOUT_RATE_LIMIT=10_000):  # past the limit every post would be the same 429
        run()
    assert snapshot() == before


def test_review_form(client, snapshot):
    before = snapshot()

    @FUZZ
    @given(data=form, slug=st.sampled_from(["clinicred", "nope", "%00", "../admin"]))
    def run(data, slug):
        data = {**data, "website": data.get("website") or "spam"}  # honeypot filled or data invalid: nothing stored
        check(client.post(f"/shop/{slug}/reviews/", data))

    run()
    assert snapshot() == before


def test_webhook(client, snapshot):
    before = snapshot()

    @FUZZ
    @given(body=st.one_of(st.binary(max_size=300), st.text(max_size=300).map(str.encode)), signature=st.one_of(st.none(), st.text(max_size=80)))
    def run(body, signature):
        headers = {"HTTP_STRIPE_SIGNATURE": signature} if signature is not None else {}
        response = client.post("/stripe/webhook/", data=body, content_type="application/json", **headers)
        assert response.status_code == 400

    run()
    assert snapshot() == before


def test_signed_webhooks_with_odd_ids_and_amounts(client, snapshot):
    """Signed for real, so they get past the signature: an id with NUL or spaces, an amount that is a
    float, a string or a bool is a 4xx, never a 5xx, and pays nothing."""
    from tests.stripe_server import signed_event

    before = snapshot()
    odd = st.one_of(st.integers(), st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=12), st.booleans(), st.none())

    @FUZZ
    @given(event_id=st.text(max_size=40), amount=odd, event_type=st.sampled_from(["payment_intent.succeeded", "payment_intent.payment_failed", "charge.refunded"]))
    def run(event_id, amount, event_type):
        body, signature = signed_event(event_type, {"id": "pi_fuzz", "amount": amount, "amount_refunded": amount, "currency": "usd"}, event_id=event_id or None)
        check(client.post("/stripe/webhook/", data=body, content_type="application/json", HTTP_STRIPE_SIGNATURE=signature))

    run()
    assert snapshot() == before


def test_urls_and_search(client, snapshot):
    before = snapshot()

    @FUZZ
    @given(path=st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=30))
    def run(path):
        from urllib.parse import quote

        check(client.get("/shop/" + quote(path, safe="") + "/"))
        check(client.get("/orders/" + quote(path, safe="") + "/"))
        check(client.get("/shop/clinicred/review/" + quote(path, safe="") + "/"))
        check(client.post("/shop/clinicred/review/" + quote(path, safe="") + "/", {"rating": "5", "title": "t", "body": "b", "author_name": "a"}))
        check(client.get("/search/", {"q": path}))
        check(client.get("/search/", {"q": '"' + path}))

    run()
    assert snapshot() == before
