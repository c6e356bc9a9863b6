import logging

from django.apps import AppConfig
from django.db import transaction

log = logging.getLogger(__name__)


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

        from django.db.models.signals import post_delete, post_save
        from wagtail.models import PageViewRestriction
        from wagtail.signals import post_page_move

        # Routing keeps the page a path leads to under the generation (HomePage.route): any page saved
        # (a draft, a publish, a rename), moved or deleted moves it on.
        post_save.connect(_page_changed, dispatch_uid="freshness-page-saved")
        post_delete.connect(_page_changed, dispatch_uid="freshness-page-deleted")
        post_page_move.connect(freshness.content_changed, dispatch_uid="freshness-page-moved")

        # whether any page is restricted is kept for the generation (models.any_view_restriction)
        post_save.connect(freshness.content_changed, sender=PageViewRestriction, dispatch_uid="view-restrictions-saved")
        post_delete.connect(freshness.content_changed, sender=PageViewRestriction, dispatch_uid="view-restrictions-deleted")


def _page_changed(sender, instance, raw=False, **kwargs):
    from wagtail.models import Page

    from shop import freshness

    if isinstance(instance, Page) and not raw:
        freshness.content_changed()


def _prepare_claims(sender, instance, **kwargs):
    """A published page's claim pass (and so the classifier's verdicts on its sentences) runs now: once
    the publish is committed, the page is rendered as a visit would render it, so every passage's
    annotation is stored (claims.StoredAnnotation) and a visit only reads it."""
    from claims import learned

    page = instance.specific
    if hasattr(page, "claim_texts"):  # the plain-text parts too (title, intro)
        learned.prepare(text for text, _ in page.claim_texts())

    def render():
        try:
            page.make_preview_request()
        except Exception:  # publishing went on; the first visit runs the claims pass instead
            log.exception("Rendering %r after publishing it failed", page)

    transaction.on_commit(render)
