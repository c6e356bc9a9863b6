"""An editor, in headless Chromium at 1280 px and 390 px, sees claim problems where they are: typing a
forbidden sentence into a paragraph makes the Health claims panel name both of its problem phrases,
in words, without saving; the panel's link brings the block into view; publishing is refused with the
error on that block; once the sentence is rephrased, the article publishes.

Fails on any console error, any 5xx, any exception in the live server and any sideways scroll (see
conftest.py).
"""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from content.models import ArticlePage, Citation, LearnIndexPage
from tests.browser.wagtail_editor import publish, wait_for_autosave

BAD = "This device cures neuropathy, guaranteed results."
FIXED = "Red light sits between 630 and 660 nm."
TARGET = "9f3c2a10-5b7e-4c1d-8a2b-000000000002"


def draft_article(user) -> ArticlePage:
    """A draft of several blocks; the editor will type into the last paragraph."""
    learn = LearnIndexPage.objects.get(slug="learn")
    article = ArticlePage(
        title="Light and knees",
        slug="light-and-knees",
        intro="How red light is used at home.",
        body=[
            {"type": "heading", "value": {"text": "What the device does", "level": "h2"}, "id": "9f3c2a10-5b7e-4c1d-8a2b-000000000000"},
            {"type": "paragraph", "value": "<p>Sessions last ten minutes.</p>", "id": "9f3c2a10-5b7e-4c1d-8a2b-000000000001"},
            {"type": "paragraph", "value": "<p>Keep the panel at arm's length.</p>", "id": TARGET},
        ],
        live=False,
    )
    article.citations = [Citation(authors="Mayo Clinic Staff", title="Knee pain", publisher="Mayo Clinic", published="2024", kind="web_page")]
    learn.add_child(instance=article)
    article.save_revision(user=user)
    return article


def test_editor_sees_each_problem_phrase_on_its_block_while_typing(page: Page, editor, walk):
    article = draft_article(editor)
    page.goto(f"/admin/pages/{article.pk}/edit/")
    panel = page.locator("[data-claims-panel]")
    block = page.locator(f'[data-contentpath="{TARGET}"]')
    text = block.locator('[contenteditable="true"]')

    text.click()
    page.keyboard.press("Control+A")
    page.keyboard.type(BAD)

    # The panel re-scans the form as typed (no save needed) and names both phrases, in words.
    finding = panel.locator(".claims-finding", has_text=BAD)
    expect(finding).to_contain_text("Forbidden: cure: “cures”", timeout=20_000)
    expect(finding).to_contain_text("Forbidden: guarantee: “guaranteed”")
    expect(finding).to_contain_text("No light-therapy device has been shown to cure or reverse neuropathy", use_inner_text=False)
    expect(panel).not_to_contain_text("structure_function")
    # The panel found it in the form as typed; Wagtail's autosave may already have stored the draft
    # (on a slow machine it does), but nothing was published.
    article.refresh_from_db()
    assert not article.live
    walk.assert_no_sideways_scroll("the article editor with the live claims panel")

    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    finding.get_by_role("link", name="Body, block 3 (paragraph)").click()
    expect(block).to_be_in_viewport()
    assert page.evaluate(f"document.querySelector('[data-contentpath=\"{TARGET}\"]').contains(document.activeElement)")

    # Let the autosave of the typed sentence finish first: a publish posted while it is in flight carries
    # the older revision id, and every later autosave is then refused as overwriting a newer version.
    wait_for_autosave(page, walk)
    publish(page)
    expect(page.get_by_text(re.compile(r"Cannot publish: Forbidden wording .cures., .guaranteed."))).to_be_visible()
    marked = page.locator(f'[data-contentpath="{TARGET}"] .error-message')
    expect(marked).to_contain_text("Forbidden: cure (“cures”)")
    expect(marked).to_contain_text("Forbidden: guarantee (“guaranteed”)")
    expect(page.locator('[data-contentpath="9f3c2a10-5b7e-4c1d-8a2b-000000000001"] .error-message')).to_have_count(0)
    article.refresh_from_db()
    assert not article.live
    walk.assert_no_sideways_scroll("the refused article")

    text = page.locator(f'[data-contentpath="{TARGET}"] [contenteditable="true"]')
    text.click()
    page.keyboard.press("Control+A")
    page.keyboard.type(FIXED)
    expect(page.locator("[data-claims-panel] .claims-finding", has_text="cures")).to_have_count(0, timeout=20_000)
    expect(page.locator("[data-claims-status]")).to_contain_text("none blocking publishing")
    wait_for_autosave(page, walk)
    publish(page)
    expect(page.get_by_text(re.compile(r"Page '?Light and knees'? has been published", re.I))).to_be_visible()
    article.refresh_from_db()
    assert article.live and FIXED in str(article.body) and "cures" not in str(article.body)
