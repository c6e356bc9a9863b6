"""The offline Payment Element's assets: its stylesheet is made of the site's design tokens only (so it
follows light and dark mode like every other page), it loads nothing remote, and it is reached only
through the offline Stripe.js stand-in (the real Stripe.js page never links it)."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings

from tests.test_stylesheet import CSS as SITE_CSS
from tests.test_stylesheet import LITERAL, declarations

ROOT = Path(__file__).resolve().parents[2]
STATIC = ROOT / "devstripe" / "static" / "devstripe"
CSS = (STATIC / "stripe-offline.css").read_text()
JS = (STATIC / "stripe-offline.js").read_text()


def test_the_stylesheet_uses_only_the_site_tokens():
    rules = list(declarations(CSS))
    assert len(rules) > 10
    assert [(sel, prop, value) for sel, prop, value in rules if LITERAL.search(value)] == []
    declared = set(re.findall(r"(--[\w-]+)\s*:", SITE_CSS))
    used = set(re.findall(r"var\((--[\w-]+)", CSS))
    assert used and used - declared == set()


def test_nothing_is_fetched_from_elsewhere():
    assert "@import" not in CSS and not re.search(r"url\(", CSS)
    code = re.sub(r"/\*.*?\*/", "", JS, flags=re.S)  # the header comment names js.stripe.com
    assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", code)  # the SVG namespace is a name, not a fetch


def test_the_stand_in_brings_its_stylesheet_and_only_offline():
    assert settings.STRIPE_JS_URL.endswith("devstripe/stripe-offline.js")  # the test settings are offline
    site_templates = "".join(p.read_text() for p in (ROOT / "templates").rglob("*.html"))
    assert "stripe-offline.css" not in site_templates  # the real Stripe.js page never loads it
