from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Product, Review, ShippingMethod, Stock


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
    list_display = ["product", "on_hand", "low_stock_threshold"]


class ReviewViewSet(SnippetViewSet):
    model = Review
    icon = "comment"
    menu_label = "Reviews"
    menu_order = 220
    add_to_admin_menu = True
    list_display = ["title", "product", "rating", "status", "is_sample", "created_at"]
    list_filter = ["status", "product", "rating"]
    search_fields = ["title", "body", "author_name"]


register_snippet(ProductViewSet)
register_snippet(StockViewSet)
register_snippet(ReviewViewSet)


class ShippingMethodViewSet(SnippetViewSet):
    model = ShippingMethod
    icon = "site"
    menu_label = "Shipping methods"
    menu_order = 230
    add_to_admin_menu = True
    list_display = ["name", "price_cents", "free_over_cents", "active"]


register_snippet(ShippingMethodViewSet)
