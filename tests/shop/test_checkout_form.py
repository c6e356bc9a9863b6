"""The checkout form a shopper fills in: the state list, the ZIP code checked against the state, every
missing field reported at once, and junk in any field answered with a message, never a 500."""

import re

import pytest

from shop.forms import CheckoutForm
from shop.models import Order, Product, ShippingMethod
from shop.us_states import STATES, ZIP_PREFIXES, zip_in_state


# The table.


def test_fifty_states_and_dc_each_with_zip_prefixes():
    assert len(STATES) == 51 and "DC" in STATES and "PR" not in STATES
    assert set(ZIP_PREFIXES) == set(STATES)


@pytest.mark.parametrize(
    "postal_code, state",
    [("62701", "IL"), ("10001", "NY"), ("10001-1234", "NY"), ("90210", "CA"), ("20500", "DC"), ("02134", "MA"),
     ("99501", "AK"), ("96813", "HI"), ("05401", "VT"), ("73301", "TX"), ("82001", "WY"), ("01001", "MA")],
)
def test_a_zip_code_is_in_its_state(postal_code, state):
    assert zip_in_state(postal_code, state)


@pytest.mark.parametrize(
    "postal_code, state",
    [("10001", "IL"), ("62701", "NY"), ("90210", "NV"), ("00000", "NY"), ("6270", "IL"), ("627011", "IL"),
     ("62701-12", "IL"), ("abcde", "IL"), ("62701", "XX"), ("62701", "il")],
)
def test_a_zip_code_elsewhere_or_malformed_is_not(postal_code, state):
    assert not zip_in_state(postal_code, state)


# The form.


@pytest.fixture
def valid(db, demo):
    return {
        "email": "shopper@example.com", "full_name": "Test Shopper", "address_line1": "1 Main St", "city": "Springfield",
        "region": "IL", "postal_code": "62701", "shipping_method": ShippingMethod.objects.get(name="Standard").pk,
        "checkout_key": "k" * 32,
    }


def test_valid_details_pass_and_keep_the_state_code(valid):
    form = CheckoutForm(valid)
    assert form.is_valid(), form.errors
    assert form.customer().region == "IL"


def test_the_state_is_a_list_of_fifty_states_and_dc(valid):
    html = str(CheckoutForm()["region"])
    assert html.startswith("<select") and html.count("<option") == 52  # "Choose a state" + 51
    assert '<option value="IL">Illinois</option>' in html


def test_an_empty_form_reports_every_missing_field_at_once():
    form = CheckoutForm({})
    assert not form.is_valid()
    assert form.errors == {
        "email": ["Enter your e-mail address."],
        "full_name": ["Enter your full name."],
        "address_line1": ["Enter your street address."],
        "city": ["Enter your city."],
        "region": ["Choose your state."],
        "postal_code": ["Enter your ZIP code."],
        "shipping_method": ["Choose a shipping method."],
        "checkout_key": ["This checkout page has run out. Please reload it and try again."],
    }


def test_a_zip_code_outside_the_state_is_named(valid):
    form = CheckoutForm({**valid, "postal_code": "10001"})
    assert not form.is_valid()
    assert form.errors == {"postal_code": ["ZIP code 10001 is not in Illinois."]}


def test_zip_plus_four_in_the_state_passes(valid):
    assert CheckoutForm({**valid, "postal_code": "62701-1234"}).is_valid()


@pytest.mark.parametrize("region", ["Illinois", "il", "ZZ", "PR", "", " IL", "IL\x00", "<script>", "I" * 500])
def test_a_state_not_in_the_list_is_refused_with_a_message(valid, region):
    form = CheckoutForm({**valid, "region": region})
    assert not form.is_valid()
    assert form.errors["region"] in (["Choose your state from the list."], ["Choose your state."])


def test_each_error_is_tied_to_its_input(valid):
    form = CheckoutForm({**valid, "postal_code": "10001", "city": ""})
    form.is_valid()
    html = str(form["postal_code"])
    assert 'aria-invalid="true"' in html and 'aria-describedby="id_postal_code_errors"' in html
    assert 'aria-describedby="id_city_errors"' in str(form["city"])
    assert "aria-invalid" not in str(form["email"])


# Over HTTP: the page without JavaScript, and the JSON the page's script reads.


@pytest.fixture
def shopper(client, demo, stripe_offline):
    client.post("/cart/add/", {"product": Product.objects.get(slug="clinicred").pk, "quantity": "1"})
    client.get("/checkout/")
    return client


def test_an_empty_submit_without_javascript_shows_the_summary_linking_to_every_field(shopper):
    page = shopper.post("/checkout/", {})
    assert page.status_code == 400
    html = page.content.decode()
    assert "There is a problem" in html
    for field_id, message in [("id_email", "Enter your e-mail address."), ("id_region", "Choose your state."),
                              ("id_postal_code", "Enter your ZIP code.")]:
        assert f'<a href="#{field_id}">{message}</a>' in html
        assert f'<p class="field-error" id="{field_id}_errors">{message}</p>' in html
    assert Order.objects.count() == 0


def test_the_json_answer_lists_every_field_and_a_check_places_nothing(shopper):
    checked = shopper.post("/checkout/", {"check_only": "1", "region": "Illinois"}, HTTP_ACCEPT="application/json")
    assert checked.status_code == 400
    assert checked.json()["errors"]["region"] == ["Choose your state from the list."]
    assert {"email", "full_name", "address_line1", "city", "postal_code"} <= set(checked.json()["errors"])
    assert Order.objects.count() == 0


def test_a_check_of_good_details_places_nothing(shopper, valid):
    key = shopper.session["checkout"]["key"]
    checked = shopper.post("/checkout/", {**valid, "checkout_key": key, "check_only": "1"}, HTTP_ACCEPT="application/json")
    assert checked.status_code == 200 and checked.json() == {"errors": {}}
    assert Order.objects.count() == 0


@pytest.mark.parametrize("junk", ["\x00", "%", "🙂" * 50, "IL' OR 1=1 --", "x" * 10_000])
def test_junk_in_the_state_and_zip_is_a_400_with_a_message(shopper, valid, junk):
    page = shopper.post("/checkout/", {**valid, "region": junk, "postal_code": junk})
    assert page.status_code == 400
    assert "There is a problem" in page.content.decode()
    assert Order.objects.count() == 0


def test_a_problem_with_no_field_to_fix_is_an_alert_without_the_summary(shopper, valid):
    page = shopper.post("/checkout/", {**valid, "checkout_key": "a-key-from-elsewhere-0123456789"})
    assert page.status_code == 409
    html = page.content.decode()
    assert re.search(r'<div id="error-summary"[^>]* hidden>', html)
    assert re.search(r'<p id="checkout-alert"[^>]*role="alert"[^>]*>Your cart changed', html)
    assert Order.objects.count() == 0
