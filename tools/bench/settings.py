"""The production settings, plus the bench's baseline view and media served by Django (urls.py)."""

from storefront.settings.production import *  # noqa: F403

ROOT_URLCONF = "tools.bench.urls"
