"""The shop's URLs: product pages and reviews, cart, checkout, the order page and Stripe's webhook."""

from django.urls import path

from . import views
from .payments import webhooks

app_name = "shop"

urlpatterns = [
    path("shop/", views.product_list, name="product_list"),
    path("shop/<slug:slug>/", views.product_detail, name="product_detail"),
    path("shop/<slug:slug>/reviews/", views.review_create, name="review_create"),
    path("shop/<slug:slug>/review/<str:signed>/", views.review_with_link, name="review_with_link"),
    path("cart/", views.cart_detail, name="cart"),
    path("cart/add/", views.cart_add, name="cart_add"),
    path("cart/update/", views.cart_update, name="cart_update"),
    path("checkout/", views.checkout, name="checkout"),
    path("orders/<str:token>/", views.order_detail, name="order_detail"),
    path("orders/<str:token>/status/", views.order_status, name="order_status"),
    path("stripe/webhook/", webhooks.stripe_webhook, name="stripe_webhook"),
]

# Find my order and the printable receipt.
urlpatterns += [
    path("shop/orders/find/", views.find_order, name="find_order"),
    path("orders/<str:token>/receipt/", views.order_receipt, name="order_receipt"),
]

# Review photos (served only once their review is approved) and "Was this helpful?" votes.
urlpatterns += [
    path("shop/review-photos/<str:name>", views.review_photo, name="review_photo"),
    path("shop/<slug:slug>/reviews/<int:review_id>/helpful/", views.review_helpful, name="review_helpful"),
]
