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
        page_published.connect(_prepare_claims, dispatch_uid="claims-page-published")


def _prepare_claims(sender, instance, **kwargs):
    """The claim classifier's verdicts on a published page's text, computed now rather than on a visit."""
    from claims import learned

    texts_of = getattr(instance.specific, "claim_texts", None)
    if texts_of is not None:
        learned.prepare(text for text, _ in texts_of())
