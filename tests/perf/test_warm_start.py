"""A new app-server process does its one-off work when the WSGI application loads (storefront.warmup),
not on a visitor's first request; and the cart page, rendered more cheaply, still shows the same."""

import gc
import sys
from unittest import mock

import pytest
from django.template import engines
from django.template.base import Template
from django.urls import clear_url_caches, reverse

from storefront import warmup

FIRST_PAGES = ["/", "/shop/", "/shop/clinicred/", "/learn/red-light-therapy-for-peripheral-neuropathy/", "/cart/"]


@pytest.fixture
def cold_process(monkeypatch):
    """This process as a new one would be: no compiled template, no URL tables."""
    monkeypatch.setattr(gc, "freeze", lambda: None)  # the test process keeps collecting as usual
    for loader in engines["django"].engine.template_loaders:
        if hasattr(loader, "reset"):
            loader.reset()
    clear_url_caches()


def test_after_warm_up_the_first_requests_compile_no_template_and_import_nothing(demo, client, cold_process):
    warmup.warm()
    modules = set(sys.modules)
    with mock.patch.object(Template, "compile_nodelist", autospec=True, side_effect=Template.compile_nodelist) as compile_nodelist:
        for url in FIRST_PAGES:
            assert client.get(url).status_code == 200
    assert compile_nodelist.call_count == 0
    assert set(sys.modules) - modules == set()


def test_without_warm_up_the_first_request_compiles_templates(demo, client, cold_process):
    """The counter above counts: a cold process compiles the page's templates on its first request."""
    with mock.patch.object(Template, "compile_nodelist", autospec=True, side_effect=Template.compile_nodelist) as compile_nodelist:
        assert client.get("/cart/").status_code == 200
    assert compile_nodelist.call_count > 0


def test_warm_up_opens_no_connection_in_the_process_that_forks_workers(cold_process):
    """Without the `db` fixture any query fails the test: gunicorn's master, which runs the warm-up
    before it forks the workers, must not hold a database or cache socket they would share."""
    from django.core.cache import caches

    with mock.patch.object(type(caches["default"]), "get") as cache_get:
        warmup.warm()
    assert not cache_get.called


def test_the_empty_cart_page_links_as_before(db, client):
    html = client.get("/cart/").content.decode()
    for name in ("shop:product_list", "shop:find_order"):
        assert f'href="{reverse(name)}"' in html
    assert 'data-cart-count>0<' in html
    assert "Your cart is empty." in html
    assert "wagtail-userbar" not in html and "w-userbar" not in html


def test_a_cart_with_a_line_posts_its_changes_where_it_did(demo, client):
    from shop.models import Product

    product = Product.objects.get(slug="clinicred")
    client.post("/cart/add/", {"product": product.pk, "quantity": "1"}, HTTP_ORIGIN="http://testserver")
    html = client.get("/cart/").content.decode()
    assert f'action="{reverse("shop:cart_update")}"' in html
    assert f'href="{reverse("shop:checkout")}"' in html
