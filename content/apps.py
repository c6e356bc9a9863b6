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
    """A published page's claim pass (and so the classifier's verdicts on its sentences) runs now, the
    way a visit would run it, so that a visit only reads the result."""
    from claims import learned

    page = instance.specific
    if hasattr(page, "build_body"):
        page.build_body()
    if hasattr(page, "claim_texts"):  # the plain-text parts too (intro, product card blurbs)
        learned.prepare(text for text, _ in page.claim_texts())
