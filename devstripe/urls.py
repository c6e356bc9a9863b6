"""The offline Stripe.js stand-in's endpoints; storefront/urls.py includes them only where devstripe is installed."""

from django.urls import path

from . import views

app_name = "devstripe"

urlpatterns = [
    path("_offline-stripe/confirm/", views.confirm, name="confirm"),
    path("_offline-stripe/authenticate/", views.authenticate, name="authenticate"),
]
