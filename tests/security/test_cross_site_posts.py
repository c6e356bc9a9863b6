"""Posts that another site's page sends to the forms without a CSRF token (add-to-cart, the review form)
are refused with a short 403 page and no cookie, so the shopper's cart, an admin's sign-in and the
review limit survive (shop/cross_site.py). The same attack from a second site in Chromium is in
tests/browser/test_cross_site_posts.py.

The browser says where a post comes from in Sec-Fetch-Site, or else in Origin; the test client sends
from http://testserver.
"""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from shop.models import Product, Review

OWN = "http://testserver"
ELSEWHERE = "https://shop-deals.example"
REFUSED_TEXT = "This form was sent from another site"
TRUSTED = ["https://www.clinicred.example", "https://*.clinicred.example"]


@pytest.fixture
def glasses(demo):
    return Product.objects.get(slug="protective-glasses")


def headers(fetch_site=None, origin=None, **extra):
    sent = dict(extra)
    if fetch_site is not None:
        sent["HTTP_SEC_FETCH_SITE"] = fetch_site
    if origin is not None:
        sent["HTTP_ORIGIN"] = origin
    return sent


def add_glasses(client, glasses, quantity=5, **sent):
    return client.post("/cart/add/", {"product": glasses.pk, "quantity": str(quantity), "next": "/shop/protective-glasses/"}, **sent)


def cart_of(client):
    return dict(client.session.get("cart", {})) if "sessionid" in client.cookies else {}


def assert_refused(response):
    assert response.status_code == 403
    page = response.content.decode()
    assert REFUSED_TEXT in page and "go back to the product" in page
    assert response.cookies == {} and not response.has_header("Set-Cookie")
    assert "no-store" in response["Cache-Control"]


# Every combination of headers a browser (or a client without one) sends: refused or let through.
PROXY = {"SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https"), "ALLOWED_HOSTS": ["shop.clinicred.example"]}
BEHIND_PROXY = {"HTTP_HOST": "shop.clinicred.example", "HTTP_X_FORWARDED_PROTO": "https"}
CASES = [
    pytest.param(headers("cross-site", ELSEWHERE), {}, True, id="cross-site"),
    pytest.param(headers("cross-site"), {}, True, id="cross-site-without-origin"),
    pytest.param(headers("cross-site", "https://www.clinicred.example"), {"CSRF_TRUSTED_ORIGINS": TRUSTED}, True, id="cross-site-from-a-trusted-origin"),
    pytest.param(headers("same-site", "http://blog.testserver"), {}, True, id="same-site-subdomain"),
    pytest.param(headers("same-site"), {}, True, id="same-site-without-origin"),
    pytest.param(headers("same-site", "https://www.clinicred.example"), {"CSRF_TRUSTED_ORIGINS": TRUSTED}, False, id="same-site-trusted-origin"),
    pytest.param(headers("same-origin", OWN), {}, False, id="same-origin"),
    pytest.param(headers("same-origin"), {}, False, id="same-origin-without-origin"),
    pytest.param(headers("none"), {}, False, id="none-typed-or-bookmarked"),
    pytest.param(headers(), {}, False, id="neither-header"),
    pytest.param(headers(origin=OWN), {}, False, id="own-origin"),
    pytest.param(headers(origin=ELSEWHERE), {}, True, id="origin-mismatch"),
    pytest.param(headers(origin="https://testserver"), {}, True, id="origin-other-scheme"),
    pytest.param(headers(origin="http://testserver:8080"), {}, True, id="origin-other-port"),
    pytest.param(headers(origin="null"), {}, True, id="origin-null"),
    pytest.param(headers(origin="not a url ["), {}, True, id="origin-garbage"),
    pytest.param(headers(origin="https://www.clinicred.example"), {"CSRF_TRUSTED_ORIGINS": TRUSTED}, False, id="trusted-origin"),
    pytest.param(headers(origin="https://shop.clinicred.example"), {"CSRF_TRUSTED_ORIGINS": TRUSTED}, False, id="trusted-origin-wildcard"),
    pytest.param(headers(origin="https://clinicred.example.evil"), {"CSRF_TRUSTED_ORIGINS": TRUSTED}, True, id="lookalike-of-a-trusted-origin"),
    pytest.param(headers("bogus", ELSEWHERE), {}, True, id="unknown-fetch-site-falls-back-to-origin"),
    # Behind the TLS proxy: the origin is https (X-Forwarded-Proto, SECURE_PROXY_SSL_HEADER) and the Host
    # the proxy passes on; X-Forwarded-Host counts only with USE_X_FORWARDED_HOST.
    pytest.param(headers(origin="https://shop.clinicred.example", **BEHIND_PROXY), PROXY, False, id="proxy-own-origin"),
    pytest.param(headers(origin="http://shop.clinicred.example", **BEHIND_PROXY), PROXY, True, id="proxy-origin-over-http"),
    pytest.param(
        headers(origin="https://shop.clinicred.example", HTTP_HOST="shop.clinicred.example"), PROXY, True, id="proxy-without-forwarded-proto"
    ),
    pytest.param(
        headers(origin=ELSEWHERE, HTTP_X_FORWARDED_HOST="shop-deals.example", **BEHIND_PROXY), PROXY, True, id="proxy-forged-forwarded-host"
    ),
    pytest.param(
        headers(origin="https://shop.clinicred.example", HTTP_HOST="app:8000", HTTP_X_FORWARDED_HOST="shop.clinicred.example", HTTP_X_FORWARDED_PROTO="https"),
        {**PROXY, "USE_X_FORWARDED_HOST": True},
        False,
        id="proxy-forwarded-host-when-configured",
    ),
]


@pytest.mark.parametrize(("sent", "configured", "refused"), CASES)
def test_add_to_cart_by_where_the_post_came_from(client, glasses, settings, sent, configured, refused):
    for name, value in configured.items():
        setattr(settings, name, value)
    response = add_glasses(client, glasses, **sent)
    if refused:
        assert_refused(response)
        assert 'href="/shop/protective-glasses/"' in response.content.decode()
        assert cart_of(client) == {}
    else:
        assert response.status_code == 302 and response["Location"] == "/shop/protective-glasses/"
        assert cart_of(client) == {str(glasses.pk): 5}


@pytest.mark.parametrize(("sent", "configured", "refused"), CASES)
def test_review_by_where_the_post_came_from(client, glasses, settings, sent, configured, refused):
    for name, value in configured.items():
        setattr(settings, name, value)
    response = client.post("/shop/protective-glasses/reviews/", review("Posted"), **sent)
    stored = Review.objects.filter(title="Posted").exists()
    if refused:
        assert_refused(response)
        assert 'href="/shop/protective-glasses/"' in response.content.decode()
        assert not stored
    else:
        assert response.status_code == 302 and stored


def review(title):
    return {"rating": 1, "title": title, "body": "Did nothing for me.", "author_name": "Shopper", "email": "shopper@example.com"}


def test_a_cross_site_post_leaves_the_shoppers_cart_alone(client, glasses):
    """The browser does not send the SameSite=Lax cookie with another site's post: a cookieless client."""
    add_glasses(client, glasses, quantity=1, **headers("same-origin", OWN))
    session_key = client.cookies["sessionid"].value
    attacker_page = Client()
    response = add_glasses(attacker_page, glasses, quantity=5, **headers("cross-site", ELSEWHERE))
    assert_refused(response)  # no Set-Cookie: the shopper's sessionid is not replaced
    assert attacker_page.cookies.get("sessionid") is None
    assert client.cookies["sessionid"].value == session_key
    assert cart_of(client) == {str(glasses.pk): 1}
    assert "data-cart-count>1<" in client.get("/cart/").content.decode()


def test_an_admin_stays_signed_in(client, glasses, django_user_model):
    manager = django_user_model.objects.create_user("order-manager", "om@example.com", "pw")
    manager.groups.add(Group.objects.get(name="Order managers"))
    client.force_login(manager)
    session_key = client.cookies["sessionid"].value
    assert_refused(add_glasses(Client(), glasses, **headers("cross-site", ELSEWHERE)))
    assert_refused(Client().post("/shop/protective-glasses/reviews/", review("Forged"), **headers(origin="null")))
    # Their own add-to-cart from our page carries the cookie and keeps the sign-in.
    response = add_glasses(client, glasses, quantity=2, **headers("same-origin", OWN))
    assert response.status_code == 302
    assert client.session.get("_auth_user_id") == str(manager.pk)
    assert client.cookies["sessionid"].value == session_key
    assert client.get("/admin/").status_code == 200


def test_cross_site_reviews_do_not_use_up_the_shoppers_limit(client, glasses):
    """Five posts from another site's page, from the shopper's own address, then the shopper's three."""
    for n in range(5):
        assert_refused(Client().post("/shop/protective-glasses/reviews/", review(f"Forged {n}"), **headers("cross-site", ELSEWHERE)))
    assert not Review.objects.filter(title__startswith="Forged").exists()
    for n in range(3):
        response = client.post("/shop/protective-glasses/reviews/", review(f"Mine {n}"), **headers("same-origin", OWN), follow=True)
        assert "Thank you! Your review will appear" in response.content.decode()
    assert Review.objects.filter(title__startswith="Mine").count() == 3
    response = client.post("/shop/protective-glasses/reviews/", review("Mine 4"), **headers("same-origin", OWN), follow=True)
    assert "You have sent several reviews in a short time" in response.content.decode()  # the limit still holds


def test_a_get_is_not_refused_but_still_not_allowed(client, demo):
    assert client.get("/cart/add/", **headers("cross-site", ELSEWHERE)).status_code == 405


def test_the_refusal_reads_a_local_next_only(client, glasses):
    response = client.post(
        "/cart/add/", {"product": glasses.pk, "next": "//shop-deals.example/"}, **headers("cross-site", ELSEWHERE)
    )
    assert_refused(response)
    assert 'href="/shop/"' in response.content.decode() and "shop-deals" not in response.content.decode()


def every_view(patterns=None, prefix=""):
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            yield from every_view(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.callback


# Not guarded: Stripe's webhook (signed, server to server). Outside the site's own apps: Wagtail's admin
# API (Django REST framework checks the token itself) and devstripe's stand-in for api.stripe.com (another
# site in production, reads no cookie, and may not import the site).
OUR_APPS = {"storefront", "content", "shop", "claims"}
SERVER_TO_SERVER = {"stripe_webhook"}


def test_every_view_without_a_csrf_token_refuses_other_sites():
    exempt = [
        (route, view)
        for route, view in every_view()
        if getattr(view, "csrf_exempt", False)
        and view.__module__.split(".")[0] in OUR_APPS
        and view.__name__ not in SERVER_TO_SERVER
    ]
    assert {view.__name__ for _, view in exempt} == {"cart_add", "review_create", "review_helpful"}
    assert [route for route, view in exempt if not getattr(view, "refuses_cross_site", False)] == []
