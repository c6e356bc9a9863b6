import pytest

from shop.models import Product, Stock

BAD_QUANTITIES = ["0", "-1", "abc", "", "1.5", "1e3", "99999999999999999999", "NaN"]


@pytest.fixture
def glasses(demo):
    return Product.objects.get(slug="protective-glasses")


def cart_count(client):
    return sum(client.session.get("cart", {}).values())


def test_add_update_remove(client, glasses):
    response = client.post("/cart/add/", {"product": glasses.pk, "quantity": "2"}, follow=True)
    assert "Added Protective Glasses to your cart." in response.content.decode()
    assert 'data-cart-count>2<' in response.content.decode()
    page = client.get("/cart/").content.decode()
    assert "$80.00" in page
    client.post("/cart/update/", {"product": glasses.pk, "quantity": "3"})
    assert "$120.00" in client.get("/cart/").content.decode()
    client.post("/cart/update/", {"product": glasses.pk, "remove": "1"})
    assert "Your cart is empty" in client.get("/cart/").content.decode()


@pytest.mark.parametrize("quantity", BAD_QUANTITIES)
def test_bad_quantity_is_refused_and_changes_nothing(client, glasses, quantity):
    client.post("/cart/add/", {"product": glasses.pk, "quantity": "1"})
    response = client.post("/cart/add/", {"product": glasses.pk, "quantity": quantity}, follow=True)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Quantity must be" in text or "at most" in text or "left in stock" in text
    assert cart_count(client) == 1
    response = client.post("/cart/update/", {"product": glasses.pk, "quantity": quantity}, follow=True)
    assert response.status_code == 200 and cart_count(client) == 1


@pytest.mark.parametrize("product", ["999999", "abc", "", "-3", "1 OR 1=1"])
def test_unknown_product_is_refused(client, demo, product):
    response = client.post("/cart/add/", {"product": product, "quantity": "1"}, follow=True)
    assert response.status_code == 200
    assert "That product does not exist." in response.content.decode()
    assert cart_count(client) == 0


def test_quantity_above_stock_is_refused(client, glasses):
    Stock.objects.filter(product=glasses).update(on_hand=2)
    response = client.post("/cart/add/", {"product": glasses.pk, "quantity": "3"}, follow=True)
    assert "Only 2 of Protective Glasses left in stock." in response.content.decode()
    assert cart_count(client) == 0


def test_quantity_above_line_limit_is_refused(client, glasses):
    response = client.post("/cart/add/", {"product": glasses.pk, "quantity": str(glasses.max_per_order + 1)}, follow=True)
    assert f"You can order at most {glasses.max_per_order} of Protective Glasses" in response.content.decode()
    assert cart_count(client) == 0


def test_price_sent_by_the_client_is_ignored(client, glasses):
    client.post("/cart/add/", {"product": glasses.pk, "quantity": "1", "price": "1", "price_cents": "1"})
    page = client.get("/cart/").content.decode()
    assert "$40.00" in page and "$0.01" not in page


def test_cart_get_on_post_only_urls_is_405(client, demo):
    assert client.get("/cart/add/").status_code == 405
    assert client.get("/cart/update/").status_code == 405


def test_offsite_next_is_not_followed(client, glasses):
    response = client.post("/cart/add/", {"product": glasses.pk, "quantity": "1", "next": "https://evil.example/"})
    assert response["Location"] == "/cart/"


def test_corrupt_session_cart_does_not_break_pages(client, demo):
    session = client.session
    session["cart"] = {"abc": 2, "999": 1}
    session.save()
    assert client.get("/cart/").status_code == 200
    assert client.get("/shop/").status_code == 200


# The cart page's script: JSON answers with the cart's new HTML; the same forms work without it.

JSON = {"HTTP_ACCEPT": "application/json"}


def test_a_quantity_change_answers_with_the_new_cart_for_the_script(client, glasses):
    client.post("/cart/add/", {"product": glasses.pk, "quantity": "1"})
    response = client.post("/cart/update/", {"product": glasses.pk, "quantity": "3"}, **JSON)
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    answer = response.json()
    assert answer["ok"] is True and answer["count"] == 3
    assert answer["message"] == "Updated the quantity of Protective Glasses."
    assert 'data-cart-subtotal>$120.00<' in answer["html"] and 'value="3"' in answer["html"]
    assert "<html" not in answer["html"] and "csrfmiddlewaretoken" in answer["html"]
    assert cart_count(client) == 3
    assert "Updated the quantity" not in client.get("/cart/").content.decode()  # said once, by the script


def test_a_refused_quantity_answers_400_with_the_reason_and_the_unchanged_cart(client, glasses):
    Stock.objects.filter(product=glasses).update(on_hand=2)
    client.post("/cart/add/", {"product": glasses.pk, "quantity": "2"})
    for bad, reason in [("3", "Only 2 of Protective Glasses left in stock."), ("0", "Quantity must be at least 1."), ("x", "Quantity must be a whole number.")]:
        response = client.post("/cart/update/", {"product": glasses.pk, "quantity": bad}, **JSON)
        assert response.status_code == 400
        answer = response.json()
        assert (answer["ok"], answer["message"], answer["count"]) == (False, reason, 2)
        assert 'value="2"' in answer["html"] and "$80.00" in answer["html"]
    assert cart_count(client) == 2


def test_removing_the_last_line_answers_with_an_empty_cart(client, glasses):
    client.post("/cart/add/", {"product": glasses.pk, "quantity": "1"})
    answer = client.post("/cart/update/", {"product": glasses.pk, "remove": "1"}, **JSON).json()
    assert answer["ok"] and answer["count"] == 0 and "Your cart is empty" in answer["html"]
    response = client.post("/cart/update/", {"product": glasses.pk, "remove": "1"}, **JSON)
    assert response.status_code == 400 and response.json()["message"] == "That item is not in your cart."


def test_without_javascript_the_cart_posts_and_reloads_with_update_buttons(client, glasses):
    client.post("/cart/add/", {"product": glasses.pk, "quantity": "1"})
    page = client.get("/cart/").content.decode()
    assert "Update<span class=\"visually-hidden\"> quantity of Protective Glasses" in page
    assert 'src="/static/js/cart.js"' in page
    response = client.post("/cart/update/", {"product": glasses.pk, "quantity": "2"})
    assert response.status_code == 302 and response["Location"] == "/cart/"
    assert "Updated the quantity of Protective Glasses." in client.get("/cart/").content.decode()


def test_an_attacker_page_cannot_change_the_cart_without_the_token(glasses):
    from django.test import Client

    shopper = Client(enforce_csrf_checks=True)
    shopper.post("/cart/add/", {"product": glasses.pk, "quantity": "1"})
    response = shopper.post("/cart/update/", {"product": glasses.pk, "quantity": "5"}, **JSON)
    assert response.status_code == 403
    assert sum(shopper.session["cart"].values()) == 1


def test_cart_lines_have_thumbnails(client, glasses):
    client.post("/cart/add/", {"product": glasses.pk, "quantity": "1"})
    page = client.get("/cart/").content.decode()
    line = page[page.index('class="cart-line"'):]
    line = line[: line.index("</tr>")]
    assert "<picture>" in line and 'class="cart-thumb"' in line and ".webp" in line


@pytest.mark.parametrize("quantity, text", [("1", "You are $110.00 away from free shipping."), ("3", "You are $30.00 away from free shipping."), ("4", "Your order ships free with standard shipping.")])
def test_free_shipping_progress_comes_from_the_method_with_a_threshold(client, glasses, quantity, text):
    client.post("/cart/add/", {"product": glasses.pk, "quantity": quantity})
    assert text in client.get("/cart/").content.decode()


def test_no_free_shipping_line_without_a_threshold(client, glasses):
    from shop.models import ShippingMethod

    ShippingMethod.objects.update(free_over_cents=None)
    client.post("/cart/add/", {"product": glasses.pk, "quantity": "1"})
    assert "free shipping" not in client.get("/cart/").content.decode()


def test_adding_shows_a_confirmation_with_the_line_just_added(client, glasses):
    response = client.post("/cart/add/", {"product": glasses.pk, "quantity": "2", "next": "/shop/protective-glasses/"}, follow=True)
    page = response.content.decode()
    banner = page[page.index('class="message message-success cart-added"'):]
    banner = banner[: banner.index("</main>") if "</main>" in banner else None]
    assert "Added Protective Glasses to your cart." in banner and "Quantity 2" in banner
    assert 'href="/cart/"' in banner and "View cart (2)" in banner and 'href="/checkout/"' in banner
    assert 'class="cart-thumb"' in banner
    again = client.get("/shop/protective-glasses/").content.decode()
    assert "cart-added" not in again  # shown once
