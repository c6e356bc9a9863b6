"""The shop in Wagtail's admin: products, stock, reviews (with bulk moderation), shipping methods and
orders as snippets, the order timeline's actions, and the dashboard panels."""

from wagtail import hooks
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_access import PermissionCheckedChooserViewSet
from .admin_views import OrderViewSet, dashboard_panels
from .catalogue.models import Product, Review, ShippingMethod, Stock
from .catalogue.reviews import set_status


class ProductViewSet(SnippetViewSet):
    model = Product
    icon = "pick"
    menu_label = "Products"
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["name", "sku", "price_display", "live"]
    search_fields = ["name", "sku"]


class StockViewSet(SnippetViewSet):
    model = Stock
    icon = "list-ul"
    menu_label = "Stock"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["product", "on_hand", "low_stock_threshold", "is_low"]


class ReviewViewSet(SnippetViewSet):
    model = Review
    url_prefix = "reviews"
    icon = "comment"
    menu_label = "Reviews"
    menu_order = 220
    add_to_admin_menu = True
    list_display = ["title", "product", "rating", "author_name", "status", "is_verified_buyer", "claim_categories", "created_at"]
    list_filter = ["status", "product", "rating", "is_sample"]
    search_fields = ["title", "body", "author_name", "email"]
    copy_view_enabled = False
    chooser_viewset_class = PermissionCheckedChooserViewSet  # only for staff with a review permission


class ShippingMethodViewSet(SnippetViewSet):
    model = ShippingMethod
    icon = "site"
    menu_label = "Shipping methods"
    menu_order = 230
    add_to_admin_menu = True
    list_display = ["name", "price_cents", "free_over_cents", "active"]


register_snippet(OrderViewSet)
register_snippet(ProductViewSet)
register_snippet(StockViewSet)
register_snippet(ReviewViewSet)
register_snippet(ShippingMethodViewSet)


class ModerateReviews(SnippetBulkAction):
    models = [Review]
    template_name = "shop/admin/bulk_moderate.html"
    status = None

    def check_perm(self, obj):
        return self.request.user.has_perm("shop.change_review")

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        return set_status(objects, cls.status, user=user), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return f"{num_parent_objects} review(s) {self.status}."


@hooks.register("register_bulk_action")
class ApproveReviews(ModerateReviews):
    display_name = "Approve"
    action_type = "approve"
    aria_label = "Approve the selected reviews"
    status = Review.Status.APPROVED


@hooks.register("register_bulk_action")
class RejectReviews(ModerateReviews):
    display_name = "Reject"
    action_type = "reject"
    aria_label = "Reject the selected reviews"
    status = Review.Status.REJECTED


@hooks.register("register_log_actions")
def register_order_log_actions(actions):
    for action, label, message in [
        ("shop.order.placed", "Place order", "Order placed"),
        ("shop.order.paid", "Pay", "Paid (Stripe)"),
        ("shop.order.email", "E-mail", "E-mail sent"),
        ("shop.order.fulfilled", "Fulfil", "Fulfilled"),
        ("shop.order.refunded", "Refund", "Refunded"),
        ("shop.order.cancelled", "Cancel", "Cancelled"),
        ("shop.order.disputed", "Dispute", "Dispute opened"),
        ("shop.order.note", "Note", "Note"),
        ("shop.review.moderated", "Moderate", "Review moderated"),
    ]:
        actions.register_action(action, label, message)


hooks.register("construct_homepage_panels", dashboard_panels)
