from django.apps import AppConfig


class StorefrontConfig(AppConfig):
    name = "storefront"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Site

        from . import deploy_checks  # noqa: F401  (registers the deploy check)
        from .sites import forget_sites

        post_save.connect(forget_sites, sender=Site, dispatch_uid="forget-sites-save")
        post_delete.connect(forget_sites, sender=Site, dispatch_uid="forget-sites-delete")
