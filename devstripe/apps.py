from django.apps import AppConfig


class DevStripeConfig(AppConfig):
    """Installed by the dev and test settings only: serves the Stripe.js stand-in's static file."""

    name = "devstripe"
    verbose_name = "Offline Stripe (development and tests)"
