from django.apps import AppConfig


class ContentConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "content"
    verbose_name = "Content"

    def ready(self):
        from wagtail.signals import page_published, page_unpublished

        from shop import freshness

        page_published.connect(freshness.content_changed, dispatch_uid="freshness-page-published")
        page_unpublished.connect(freshness.content_changed, dispatch_uid="freshness-page-unpublished")
