"""An editor, in headless Chromium at 1280 px and 390 px: their article with an uncited disease claim is
refused on publishing; they attach a verification record in the admin and publish.

Fails on any console error, any 5xx, any exception in the live server and any sideways scroll (see
conftest.py); the forms that grow while the editor works are checked for sideways scroll as well.
"""

from __future__ import annotations

import re

from django.utils import timezone
from playwright.sync_api import Page, expect
from wagtail.rich_text import RichText

from content.models import ArticlePage, ArticleVerification, Citation, LearnIndexPage
from tests.browser.wagtail_editor import publish, wait_for_autosave

SENTENCE = "Red light therapy eases arthritis pain in the hands."
DOCUMENT_LINK = "https://example.com/documents/t-1"


def draft_article(user) -> ArticlePage:
    """The editor's draft article with an uncited disease claim."""
    learn = LearnIndexPage.objects.get(slug="learn")
    article = ArticlePage(
        title="Light and hands",
        slug="light-and-hands",
        intro="What one small study measured.",
        body=[("paragraph", RichText(f"<p>Hands stiffen with age. {SENTENCE}</p>"))],
        live=False,
    )
    article.citations = [Citation(authors="Mayo Clinic Staff", title="Arthritis", publisher="Mayo Clinic", published="2024", kind="web_page")]
    learn.add_child(instance=article)
    article.save_revision(user=user)
    return article


def test_editor_publishes_a_disease_claim_after_attaching_a_verification_record(page: Page, editor, walk):
    article = draft_article(editor)

    page.goto(f"/admin/pages/{article.pk}/edit/")
    expect(page.locator('[data-claim-row="disease"]')).to_contain_text("Disease claim needs a citation or a verification record")
    walk.assert_no_sideways_scroll("the article editor")

    wait_for_autosave(page, walk)
    publish(page)
    refused = page.get_by_text("Cannot publish: Disease claim needs a citation or a verification record")
    expect(refused).to_be_visible()
    expect(page.get_by_text(SENTENCE, exact=False).first).to_be_visible()
    walk.assert_no_sideways_scroll("the refused article")
    article.refresh_from_db()
    assert not article.live

    page.get_by_role("button", name="Add verification record").click()
    record = page.locator('[id^="inline_child_verifications-"]').first
    record.get_by_label("Wording verified").fill("arthritis pain in the hands")
    record.get_by_label("Kind of document").select_option("publication")
    record.locator('input[name$="-document"]').fill("Test study T-1 (test data)")
    record.get_by_label("Exact wording in the document").fill("Test passage: the wording this test pretends the document holds.")
    record.get_by_label("Link to the document").fill(DOCUMENT_LINK)
    # The refused page counts as having unsaved changes, so Wagtail 8 autosaves it once, 0.5 s after it
    # loads (with the form as it was then). Publishing while that autosave was in flight once left the
    # page published without its record; the editor publishes once the header's indicator, which says
    # "Saving…" from the moment the page loads, shows "Saved" (a tick; on a wide screen the word too), as
    # a person glancing at it would.
    indicator = page.locator("#w-autosave-indicator")
    expect(indicator).to_have_attribute("data-w-autosave-state-value", "saved")
    expect(indicator.locator(".w-autosave-indicator__state--saved")).to_be_visible()
    walk.assert_no_sideways_scroll("the verification record form")
    wait_for_autosave(page, walk)
    publish(page)
    expect(page.get_by_text(re.compile(r"Page '?Light and hands'? has been published", re.I))).to_be_visible()
    article.refresh_from_db()
    assert article.live
    saved = ArticleVerification.objects.get(page=article)
    assert saved.checked_by == editor and saved.checked_on == timezone.localdate()

    page.goto(f"/admin/pages/{article.pk}/edit/")
    expect(page.locator('[data-claim-row="disease"]')).to_contain_text("verification record")
    expect(page.locator('[id^="inline_child_verifications-"]').first).to_contain_text(editor.username)
    walk.assert_no_sideways_scroll("the published article's editor")

    response = page.goto(article.url)
    assert response is not None and response.status == 200
    expect(page.locator('[data-claim="disease"]')).to_contain_text("arthritis pain")
    walk.assert_no_sideways_scroll("the published article")
