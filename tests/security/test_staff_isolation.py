"""Editors and medical reviewers see no customer data anywhere in the admin, choosers included.

Every URL pattern under /admin/ (read from the URL resolver, so a view added later is walked too) is
requested, its path arguments filled with the ids of real orders, reviews, stock, mismatches and
pages, and its app/model arguments with the shop's models, signed in as a member of each staff group.
No page an editor or a medical reviewer gets may contain an order number, a customer's e-mail or
address, a pending review's text or its author's e-mail. A page argument gets the article's id only
(a page id names a page, whatever else has that number). The order manager's walk of the order,
review and chooser pages is the control: the same strings do show there, so the check can fail.
PostgreSQL.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.log_actions import log

from shop.models import Mismatch, Product, Review, Stock
from shop.orders.checkout import Customer, place_order

CUSTOMER = Customer(
    email="walk.customer@example.com", full_name="Test Buyer", address_line1="12 Confidential Road",
    address_line2="", city="Springfield", region="IL", postal_code="62701",
)
PENDING_TITLE = "Waiting for a moderator (walk 9c3b)"
PENDING_TEXT = "Pending review text that only moderators may read (walk 7d1e)."
PENDING_EMAIL = "pending.reviewer@example.com"
NOTE = "Customer phoned about the parcel (walk 4f2a)."
SKIP = {"wagtailadmin_logout", "wagtailadmin_error_test"}  # signing out would end the walk; Wagtail's 500 on purpose
CONVERTER = re.compile(r"<(?:(?P<conv>\w+):)?(?P<name>\w+)>")
REGEX_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>[^)]*\)")
MODELS = [("shop", m) for m in ("order", "orderline", "review", "stock", "mismatch", "refund", "shipment", "product")] + [
    ("content", "articlepage"), ("wagtailcore", "page")
]


def admin_routes() -> Iterator[tuple[str, str]]:
    """(route, name) of every URL pattern under admin/, regex parts turned into <name> placeholders."""

    def walk(patterns, prefix="", namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = f"{namespace}:{pattern.namespace}" if namespace and pattern.namespace else (pattern.namespace or namespace)
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
            elif isinstance(pattern, URLPattern):
                yield prefix + str(pattern.pattern), f"{namespace}:{pattern.name}" if namespace else (pattern.name or "")

    for route, name in walk(get_resolver().url_patterns):
        if not route.startswith("admin/") or name.split(":")[-1] in SKIP:
            continue
        route = REGEX_GROUP.sub(lambda m: f"<{m['name']}>", route).replace("^", "").replace("$", "").replace("\\.", ".")
        if re.search(r"[()*+?\\|\[]", route):
            continue  # the catch-all 404 pattern
        yield route, name


def urls_for(route: str, ids: list[int], page_id: int) -> list[str]:
    """The route with its arguments filled in every useful way: each real id for the first numeric
    argument, the shop's (app, model) pairs, and plausible values for the rest."""
    names = [m["name"] for m in CONVERTER.finditer(route)]
    choices: list[list[tuple[str, str]]] = []
    first_id = True
    app_model = [n for n in names if n.endswith(("app_label", "app_name"))]
    for name in names:
        if name.endswith(("model_name",)) or name in app_model:
            continue
        if name.startswith("revision_id_"):
            values = ["earliest" if name.endswith("a") else "latest"]
        elif name in ("action", "action_name"):
            values = ["approve", "reject", "delete"] if name == "action" else ["approve"]
        elif name in ("uidb64", "token", "filter_spec"):
            values = ["original"]
        elif "page" in name:
            values = [str(page_id)]  # a page id names a page, whatever else has that number
            first_id = False
        elif first_id:
            values = [str(i) for i in ids]
            first_id = False
        else:
            values = [str(ids[0])]
        choices.append([(name, v) for v in values])
    if app_model:
        model_key = next(n for n in names if n.endswith("model_name"))
        choices.append([("__pair__", f"{a}|{m}") for a, m in MODELS])
    urls = []
    for combo in itertools.product(*choices):
        values = dict(combo)
        if "__pair__" in values:
            app, model = values.pop("__pair__").split("|")
            values[app_model[0]], values[model_key] = app, model
        urls.append("/" + CONVERTER.sub(lambda m, values=values: values[m["name"]], route))
    return urls


@pytest.fixture
def customer_data(demo, django_user_model):
    """An order with a note and a mismatch, and a pending review: the strings no editor may see."""
    manager = django_user_model.objects.create_user("order-desk", "desk@example.com", "pw")
    product = Product.objects.get(slug="clinicred")
    from shop.models import ShippingMethod

    order = place_order(items={str(product.pk): 1}, customer=CUSTOMER, shipping_method_id=ShippingMethod.objects.get(name="Standard").pk, checkout_key="walk")
    log(order, "shop.order.note", user=manager, data={"note": NOTE})
    mismatch = Mismatch.objects.create(kind=Mismatch.Kind.AMOUNT_DIFFERS, order=order, detail=f"Order {order.number}: amounts differ.")
    review = Review.objects.create(product=product, rating=2, title=PENDING_TITLE, body=PENDING_TEXT, author_name="Test Reviewer", email=PENDING_EMAIL)
    ids = sorted({order.pk, order.lines.get().pk, review.pk, mismatch.pk, Stock.objects.get(product=product).pk, product.pk})
    secrets = [order.number, CUSTOMER.email, CUSTOMER.address_line1, PENDING_TITLE, PENDING_TEXT, PENDING_EMAIL, NOTE]
    from content.models import ArticlePage

    return {"order": order, "review": review, "ids": ids, "secrets": secrets, "page_id": ArticlePage.objects.first().pk}


def walk_admin(
    client: Client, data, under: tuple[str, ...] = ("admin/",), share: tuple[int, int] = (0, 1)
) -> tuple[dict[str, list[str]], list[str], int]:
    """GET every admin URL (or those under the given prefixes); returns {url: secrets seen}, the URLs
    that answered 5xx, how many answered 200. `share=(k, n)` walks every n-th URL from the k-th only:
    n tests with k = 0 … n-1 walk them all between them, on as many pytest-xdist workers."""
    seen, errors, ok = {}, [], 0
    query = "?" + "&".join(f"id={i}" for i in data["ids"])  # bulk actions read the objects from ?id=
    urls = [url for route, _name in admin_routes() if route.startswith(under) for url in urls_for(route, data["ids"], data["page_id"])]
    for url in urls[share[0] :: share[1]]:
        response = client.get(url + query)
        if response.status_code >= 500:
            errors.append(f"{response.status_code} {url}")
            continue
        ok += response.status_code == 200
        body = (b"".join(response.streaming_content) if response.streaming else response.content).decode(errors="replace")
        found = [s for s in data["secrets"] if s in body]
        if found:
            seen[url] = found
    return seen, errors, ok


def member_of(group: str, django_user_model) -> Client:
    user = django_user_model.objects.create_user(f"walker-{group.lower().replace(' ', '-')}", "staff@example.com", "pw")
    user.groups.add(Group.objects.get(name=group))
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


SHARES = 3  # each group's walk (about 700 requests) in three tests, so pytest-xdist spreads it over its workers


@pytest.mark.parametrize("share", range(SHARES), ids=lambda k: f"share{k + 1}of{SHARES}")
@pytest.mark.parametrize("group", ["Editors", "Medical reviewers"])
def test_content_staff_see_no_customer_data_on_any_admin_page(group, share, customer_data, django_user_model):
    client = member_of(group, django_user_model)
    seen, errors, ok = walk_admin(client, customer_data, share=(share, SHARES))
    assert seen == {}, f"{group} saw customer data: {seen}"
    assert errors == []
    assert ok > 20  # signed in all along: the pages they may use answered (24 to 60 in each share)
    assert client.get("/admin/").status_code == 200


def test_order_managers_see_the_orders_and_reviews_they_work_on(customer_data, django_user_model):
    """The control: the walk does find the strings where they belong (walked where they do)."""
    under = ("admin/orders/", "admin/reviews/", "admin/snippets/choose/")
    seen, errors, ok = walk_admin(member_of("Order managers", django_user_model), customer_data, under)
    order, review = customer_data["order"], customer_data["review"]
    inspect = f"/admin/orders/inspect/{order.pk}/"
    assert {order.number, CUSTOMER.email, CUSTOMER.address_line1, NOTE} <= set(seen[inspect])
    assert PENDING_TEXT in seen[f"/admin/reviews/edit/{review.pk}/"]
    assert order.number in seen["/admin/snippets/choose/shop/order/"]
    assert PENDING_TITLE in seen["/admin/snippets/choose/shop/review/"]
    assert errors == []


def test_the_page_choosers_pages_chosen_step_answers_odd_ids_without_a_500(customer_data, django_user_model):
    """Wagtail 8.0's own view failed with a 500 on the root page's id (it reads the parent) and on an id
    that is not a number; storefront/views.py answers both with the pages that can be chosen."""
    client = member_of("Editors", django_user_model)
    page_id = customer_data["page_id"]
    response = client.get(f"/admin/choose-page/chosen-multiple/?id=1&id=x&id={page_id}")
    assert response.status_code == 200
    assert [page["id"] for page in response.json()["result"]] == [page_id]
    assert Client().get("/admin/choose-page/chosen-multiple/?id=1").status_code == 302  # signed out: to the sign-in page
