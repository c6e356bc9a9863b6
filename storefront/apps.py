from django.apps import AppConfig


class StorefrontConfig(AppConfig):
    name = "storefront"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Site

        from shop import freshness

        from . import deploy_checks  # noqa: F401  (registers the deploy check)

        # The Sites kept for the content generation (storefront/sites.py) are found afresh after a change.
        post_save.connect(freshness.content_changed, sender=Site, dispatch_uid="forget-sites-save")
        post_delete.connect(freshness.content_changed, sender=Site, dispatch_uid="forget-sites-delete")
