"""An editor publishes the article again (a new revision, as the admin's Publish button makes): the bench
then times the first visit after it. Run with the bench's environment: `python -m tools.bench.publish`."""

from __future__ import annotations

import os

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tools.bench.settings")
    import django

    django.setup()
    from content.models import ArticlePage

    article = ArticlePage.objects.live().get(slug="red-light-therapy-for-peripheral-neuropathy")
    article.save_revision().publish()
