"""An editor adds a reference to an article's list in headless Chromium: the new entry (drawn from the
list's empty-form template, content.panels.InlineFieldsInlinePanel) has its labelled fields, and the
article publishes with it as reference 2.

Fails on any console error, any 5xx, any exception in the live server and any sideways scroll (see
conftest.py).
"""

from __future__ import annotations

from playwright.sync_api import Page, expect

from content.models import ArticlePage
from tests.browser.test_editor_sees_problems import draft_article
from tests.browser.wagtail_editor import publish, wait_for_autosave


def test_editor_adds_a_reference_and_publishes(page: Page, editor, walk):
    article = draft_article(editor)
    page.goto(f"/admin/pages/{article.pk}/edit/")
    expect(page.get_by_label("Authors*").first).to_have_value("Mayo Clinic Staff")

    page.get_by_role("button", name="Add Reference").click()
    entry = page.locator("#inline_child_citations-1")
    entry.get_by_label("Authors").fill("Harkless LB")
    entry.get_by_label("Title").fill("Improved foot sensitivity after MIRE")
    entry.get_by_label("Publisher or journal").fill("Journal of Diabetes and Its Complications")
    entry.get_by_label("Date").fill("2006")
    entry.get_by_label("Kind").select_option("journal_article")
    walk.assert_no_sideways_scroll("the reference list with a new entry")
    wait_for_autosave(page, walk)
    publish(page)

    expect(page.get_by_text("has been published")).to_be_visible(timeout=20_000)
    citations = ArticlePage.objects.get(pk=article.pk).citations.order_by("sort_order")
    assert [c.authors for c in citations] == ["Mayo Clinic Staff", "Harkless LB"]
