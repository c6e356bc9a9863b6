from django.apps import AppConfig


class StorefrontConfig(AppConfig):
    name = "storefront"

    def ready(self):
        from . import deploy_checks  # noqa: F401  (registers the deploy check)
