"""The shop in Wagtail's admin: products, stock (shop/catalogue/stock_admin.py), reviews (with bulk
moderation), shipping methods and orders as snippets, the order timeline's actions, and the dashboard
panels."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_views import OrderPermissionPolicy, OrderViewSet, dashboard_panels
from .catalogue import review_admin  # noqa: F401  (reviews: their viewset, bulk moderation, replies)
from .catalogue.models import Product, ShippingMethod
from .catalogue.stock_admin import StockViewSet
from .orders.models import DiscountCode, Order


class ProductViewSet(SnippetViewSet):
    model = Product
    icon = "pick"
    menu_label = "Products"
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["name", "sku", "price_display", "live"]
    search_fields = ["name", "sku"]


class ShippingMethodViewSet(SnippetViewSet):
    model = ShippingMethod
    icon = "site"
    menu_label = "Shipping methods"
    menu_order = 230
    add_to_admin_menu = True
    list_display = ["name", "price_cents", "free_over_cents", "active"]


class DiscountCodeViewSet(SnippetViewSet):
    """Discount codes, for Order managers (their group has the add/change/delete/view permissions,
    migration 0015); editors have none, so they do not see the menu item."""

    model = DiscountCode
    icon = "tag"
    menu_label = "Discount codes"
    menu_order = 240
    add_to_admin_menu = True
    list_display = ["code", "value_display", "minimum_subtotal_cents", "starts_at", "ends_at", "usage_limit", "times_used", "active"]
    list_filter = ["active", "kind"]
    search_fields = ["code"]


register_permission_policy(Order, OrderPermissionPolicy(Order))
register_snippet(DiscountCodeViewSet)
register_snippet(OrderViewSet)
register_snippet(ProductViewSet)
register_snippet(StockViewSet)
register_snippet(ShippingMethodViewSet)


@hooks.register("register_log_actions")
def register_order_log_actions(actions):
    for action, label, message in [
        ("shop.order.placed", "Place order", "Order placed"),
        ("shop.order.paid", "Pay", "Payment succeeded (Stripe)"),
        ("shop.order.payment_failed", "Payment failed", "Payment attempt failed (Stripe)"),
        ("shop.order.email", "E-mail", "E-mail sent"),
        ("shop.order.email_resent", "Resend e-mail", "E-mail sent again"),
        ("shop.order.fulfilled", "Fulfil", "Fulfilled"),
        ("shop.order.refunded", "Refund", "Refunded"),
        ("shop.order.cancelled", "Cancel", "Cancelled"),
        ("shop.order.disputed", "Dispute", "Dispute opened"),
        ("shop.order.note", "Note", "Note"),
        ("shop.review.moderated", "Moderate", "Review moderated"),
    ]:
        actions.register_action(action, label, message)


hooks.register("construct_homepage_panels", dashboard_panels)


@hooks.register("insert_global_admin_css")
def order_badges_css():
    """The order status badges' colours (list, inspect page)."""
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin-orders.css"))
