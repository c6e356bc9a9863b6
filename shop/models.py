"""Every model of the `shop` app, for Django (which loads `shop.models`) and for imports elsewhere.

The models live with the code that uses them: shop/catalogue/models.py (products, stock and its
ledger, reviews, shipping methods), shop/orders/models.py (orders, their lines, refunds, shipments and the order state
machine) and shop/payments/models.py (Stripe events handled, reconciliation runs and mismatches). All of them
keep the app label `shop`, so the migrations in shop/migrations/ cover them as before.
"""

from .catalogue.models import (
    Product,
    ProductImage,
    ProductVerification,
    Review,
    ReviewPhoto,
    ReviewVote,
    ShippingMethod,
    Stock,
    StockMovement,
)
from .orders.models import DiscountCode, Order, OrderLine, Refund, RefundLine, Shipment
from .payments.models import Mismatch, ReconciliationRun, StripeEvent

__all__ = [
    "DiscountCode",
    "Mismatch",
    "Order",
    "OrderLine",
    "Product",
    "ReconciliationRun",
    "ProductImage",
    "ProductVerification",
    "Refund",
    "RefundLine",
    "Review",
    "ReviewPhoto",
    "ReviewVote",
    "Shipment",
    "ShippingMethod",
    "Stock",
    "StockMovement",
    "StripeEvent",
]
