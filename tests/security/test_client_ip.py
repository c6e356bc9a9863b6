"""The client address behind a TLS proxy: forged X-Forwarded-For is never believed, and one visitor's
lockout or review limit is not everyone's (shop/client_ip.py, TRUSTED_PROXY_COUNT / TRUSTED_PROXIES)."""

import pytest
from django.test import RequestFactory

from shop.client_ip import client_ip
from shop.models import Product, Review

PROXY = "10.0.0.5"  # the TLS proxy: every request reaches the app from here
ATTACKER = "203.0.113.9"
STAFF = "198.51.100.7"


def request(remote=PROXY, forwarded=None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **headers)


def test_without_a_trusted_proxy_a_forged_header_changes_nothing(settings):
    settings.TRUSTED_PROXY_COUNT, settings.TRUSTED_PROXIES = 0, []
    assert client_ip(request(ATTACKER, forwarded=STAFF)) == ATTACKER


def test_one_trusted_proxy_believes_only_what_the_proxy_appended(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # The client sent "X-Forwarded-For: 198.51.100.7"; the proxy appended the address it saw.
    assert client_ip(request(forwarded=f"{STAFF}, {ATTACKER}")) == ATTACKER
    assert client_ip(request(forwarded=ATTACKER)) == ATTACKER
    assert client_ip(request(forwarded="not-an-address, " + ATTACKER)) == ATTACKER
    assert client_ip(request(forwarded="[2001:db8::7]:443")) == "2001:db8::7"


def test_a_request_without_an_address_has_no_client_ip(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request(remote="", forwarded=ATTACKER)) is None  # stored as "no address" by axes


def test_trusted_proxy_addresses_are_skipped_and_no_one_else(settings):
    settings.TRUSTED_PROXY_COUNT, settings.TRUSTED_PROXIES = 0, ["10.0.0.0/8"]
    assert client_ip(request(forwarded=f"{STAFF}, {ATTACKER}, 10.1.2.3")) == ATTACKER
    # A request that did not come through our proxy: its header is ignored.
    assert client_ip(request(remote=ATTACKER, forwarded=STAFF)) == ATTACKER


def sign_in(client, address, password, forged=None):
    forwarded = f"{forged}, {address}" if forged else address
    return client.post("/admin/login/", {"username": "boss", "password": password}, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)


@pytest.fixture
def boss(django_user_model, db):
    return django_user_model.objects.create_superuser("boss", "boss@example.com", "the-right-password-123")


def test_lockout_behind_the_proxy_is_per_client(client, boss, settings, django_user_model):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(3):
        # The attacker even claims to be the staff member's address: only the proxy's entry counts.
        assert sign_in(client, ATTACKER, "wrong", forged=STAFF).status_code in (200, 429)
    assert sign_in(client, ATTACKER, "the-right-password-123").status_code == 429
    response = sign_in(client, STAFF, "the-right-password-123")
    assert response.status_code == 302 and "_auth_user_id" in client.session


def test_without_the_setting_a_forged_header_does_not_escape_the_lockout(client, boss, settings):
    settings.TRUSTED_PROXY_COUNT, settings.TRUSTED_PROXIES = 0, []
    for n in range(3):
        client.post("/admin/login/", {"username": "boss", "password": "wrong"}, REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    response = client.post("/admin/login/", {"username": "boss", "password": "the-right-password-123"}, REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR="192.0.2.99")
    assert response.status_code == 429 and "_auth_user_id" not in client.session


def post_review(client, address, n):
    return client.post(
        "/shop/protective-glasses/reviews/",
        {"rating": 5, "title": f"Review {n}", "body": "Fits over my glasses.", "author_name": "Test Buyer", "email": "buyer@example.com"},
        REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=address, HTTP_SEC_FETCH_SITE="same-origin",
    )


def test_review_limit_behind_the_proxy_is_per_client(client, demo, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    product = Product.objects.get(slug="protective-glasses")
    for n in range(4):
        post_review(client, ATTACKER, n)
    assert product.reviews.filter(status=Review.Status.PENDING).count() == 3
    post_review(client, STAFF, 9)
    assert product.reviews.filter(title="Review 9").exists()
