"""An editor, in headless Chromium at 1280 px and 390 px, with the seed article: its history compares the
seed text (revision 1) with the published compliance edit (revision 2) and shows only that edit; and a
typo fixed in the published article is published.

Fails on any console error, any 5xx, any exception in the live server and any sideways scroll (see
conftest.py).
"""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from content.demo_content import article as data
from content.models import ArticlePage
from tests.browser.wagtail_editor import publish, replace_in_rich_text, wait_for_autosave

TYPO = "The anti-oxidant has been shown"
FIXED = "The antioxidant has been shown"


def seed_article() -> ArticlePage:
    return ArticlePage.objects.get(slug=data.SLUG)


def test_editor_compares_the_seed_text_with_its_compliance_edit(page: Page, editor, walk):
    article = seed_article()
    page.goto(f"/admin/pages/{article.pk}/history/")
    drafts = page.locator("tbody tr").filter(has_text="Draft saved")
    expect(drafts).to_have_count(2)  # the seed text, then its compliance edit (the current draft, live)
    edited = drafts.filter(has_text="Current draft")
    walk.assert_no_sideways_scroll("the article's history")
    edited.get_by_role("button", name="Actions").click()
    edited.get_by_role("link", name="Compare with previous version").click()
    page.wait_for_url(re.compile(rf"/admin/pages/{article.pk}/revisions/compare/\d+\.\.\.\d+/$"))

    fields = page.locator("td.comparison")
    expect(fields).to_have_count(2)  # the intro and the body, and no other field
    expect(fields.nth(0).locator(".deletion").filter(has_text="managing nerve issues")).to_have_count(1)
    changes = fields.nth(1)
    deleted, added = changes.locator(".deletion"), changes.locator(".addition")
    expect(deleted.filter(has_text="delay")).to_have_count(1)
    expect(deleted.filter(has_text="reestablish")).to_have_count(1)
    expect(added.filter(has_text="doctor")).to_have_count(1)
    expect(added.filter(has_text="4")).not_to_have_count(0)  # the 53% sentence's new marker [4]
    blocks = changes.locator(":scope > div.comparison__child-object")
    opening = blocks.filter(has_text="Burning and stabbing and numbness")
    expect(opening).to_be_visible()
    expect(opening.locator(".addition, .deletion")).to_have_count(0)
    unchanged = len(data.BODY_SEED) - len({edit.block for edit in data.COMPLIANCE_EDITS})
    expect(blocks.filter(has_not=page.locator(".addition, .deletion"))).to_have_count(unchanged + 1)  # + product cards
    walk.assert_no_sideways_scroll("the revision compare view")


def test_editor_fixes_a_typo_in_the_published_article_and_publishes(page: Page, editor, walk):
    article = seed_article()
    page.goto(f"/admin/pages/{article.pk}/edit/")
    paragraph = page.locator('[contenteditable="true"]').filter(has_text=TYPO)
    expect(paragraph).to_have_count(1)
    replace_in_rich_text(page, paragraph, "anti-oxidant", "antioxidant", written="antioxidant has been shown")
    expect(page.locator('[contenteditable="true"]').filter(has_text=FIXED)).to_have_count(1)
    walk.assert_no_sideways_scroll("the article editor")
    wait_for_autosave(page, walk)
    publish(page)
    expect(page.get_by_text(re.compile(r"Page '?Red Light therapy for peripheral neuropathy\??'? has been published", re.I))).to_be_visible()
    article.refresh_from_db()
    paragraphs = " ".join(block.value.source for block in article.body if block.block_type == "paragraph")
    assert FIXED in paragraphs and TYPO not in paragraphs

    response = page.goto(article.url)
    assert response is not None and response.status == 200
    expect(page.get_by_text(FIXED, exact=False)).to_be_visible()
    walk.assert_no_sideways_scroll("the published article")
