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
