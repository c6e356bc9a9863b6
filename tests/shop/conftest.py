import pytest

from shop.models import Product, ShippingMethod, Stock
from shop.orders.checkout import Customer, place_order

CUSTOMER = Customer(
    email="shopper@example.com",
    full_name="Test Shopper",
    address_line1="1 Main Street",
    address_line2="",
    city="Springfield",
    region="IL",
    postal_code="62701",
)


@pytest.fixture
def standard():
    return ShippingMethod.objects.get(name="Standard")


@pytest.fixture
def express():
    return ShippingMethod.objects.get(name="Express")


@pytest.fixture
def clinicred(demo):
    return Product.objects.get(slug="clinicred")


@pytest.fixture
def make_order(demo, standard):
    counter = {"n": 0}

    def make(slug="clinicred", quantity=1, method=None, key=None):
        counter["n"] += 1
        product = Product.objects.get(slug=slug)
        return place_order(
            items={str(product.pk): quantity},
            customer=CUSTOMER,
            shipping_method_id=(method or standard).pk,
            checkout_key=key or f"test-key-{counter['n']}",
        )

    return make


def stock_of(slug):
    return Stock.objects.get(product__slug=slug).on_hand
