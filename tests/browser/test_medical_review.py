"""Medical review, in headless Chromium at 1280 px and 390 px, two people in their own browsers: an editor
edits a sentence of a published article and submits it to "Medical review"; a medical reviewer finds it
under "Awaiting your review" on the dashboard, reads the draft's claims report in the task and approves;
the live page shows the change and the review credit, which the editor sees but cannot type.

Fails on any console error, any 5xx, any exception in the live server and any sideways scroll (see
conftest.py), in either browser.
"""

from __future__ import annotations

import re

from django.utils import dateformat, timezone
from playwright.sync_api import Page, expect
from wagtail.rich_text import RichText

from content.models import ArticlePage, Citation, LearnIndexPage
from tests.browser.wagtail_editor import action_menu_item, replace_in_rich_text, wait_for_autosave

TITLE = "Light and feet"
OLD = "Red light may help reduce foot pain [1]."
NEW = "Red light may help reduce burning foot pain [1]."


def published_article(user) -> ArticlePage:
    learn = LearnIndexPage.objects.get(slug="learn")
    article = ArticlePage(
        title=TITLE,
        slug="light-and-feet",
        intro="What the studies say.",
        body=[("paragraph", RichText(f"<p>Foot pain is common. {OLD}</p>"))],
    )
    article.citations = [Citation(authors="Mayo Clinic Staff", title="Peripheral neuropathy", publisher="Mayo Clinic", published="2024", kind="web_page")]
    learn.add_child(instance=article)
    article.save_revision(user=user).publish(user=user)
    return article


def test_editor_submits_and_the_medical_reviewer_signs_the_article_off(
    page: Page, editor, second_page: Page, medical_reviewer, walk
):
    article = published_article(editor)
    today = timezone.localdate()

    # The editor edits a sentence and submits the article to the section's workflow.
    page.goto(f"/admin/pages/{article.pk}/edit/")
    credit = page.get_by_role("region", name="Authorship and review")
    expect(credit.get_by_role("textbox", name="Medically reviewed by")).to_have_attribute("aria-readonly", "true")
    paragraph = page.locator('[contenteditable="true"]').filter(has_text="Foot pain is common.")
    replace_in_rich_text(page, paragraph, "foot pain", "burning foot pain")
    expect(paragraph).to_contain_text(NEW)
    walk.assert_no_sideways_scroll("the article editor")
    wait_for_autosave(page, walk)
    action_menu_item(page, "Submit to Medical review").click()
    expect(page.get_by_text(f"Page '{TITLE}' has been submitted for moderation.")).to_be_visible()
    article.refresh_from_db()
    assert OLD in article.body[0].value.source, "submitting must not publish"
    page.goto("/admin/")  # done with it: an editor left open would autosave over the reviewer's revision (a 400)

    # The medical reviewer finds it on the dashboard, opens the task and reads the draft's claims.
    reviewer = second_page
    reviewer.goto("/admin/")
    awaiting = reviewer.locator("#awaiting-review-section, section").filter(has_text="Awaiting your review").first
    row = awaiting.locator("tr").filter(has_text=TITLE)
    expect(row).to_be_visible()
    row.get_by_role("button", name="Actions").click()
    row.get_by_role("button", name="Approve", exact=True).click()
    task = reviewer.get_by_role("dialog")
    claims = task.locator("[data-medical-review-claims]")
    expect(claims).to_contain_text("Health claims in this draft")
    expect(claims.locator("[data-claim-row]").filter(has_text=NEW)).to_be_visible()
    expect(task.get_by_text("Approving credits you as the medical reviewer")).to_be_visible()
    walk.page = reviewer
    walk.assert_no_sideways_scroll("the reviewer's task")
    walk.page = page
    task.get_by_label("Comment").fill("Wording checked against reference 1.")
    task.get_by_role("button", name="Approve", exact=True).click()
    expect(reviewer.get_by_text(re.compile("Awaiting your review"))).to_have_count(0)

    # The live page shows the change and who reviewed it, on which day.
    response = reviewer.goto(article.url)
    assert response is not None and response.status == 200
    expect(reviewer.get_by_text(NEW.removesuffix(" [1]."), exact=False)).to_be_visible()
    byline = reviewer.locator("dl").filter(has_text="Medically reviewed by")
    expect(byline.locator("dd").first).to_have_text("medical-reviewer")
    expect(byline.locator("time")).to_have_text(dateformat.format(today, "j F Y"))

    # The editor sees the credit in the form, as text they cannot change.
    page.goto(f"/admin/pages/{article.pk}/edit/")
    credit = page.get_by_role("region", name="Authorship and review")
    reviewed_by = credit.get_by_role("textbox", name="Medically reviewed by")
    expect(reviewed_by).to_have_text("medical-reviewer")
    expect(reviewed_by).to_have_attribute("aria-readonly", "true")
    expect(credit.locator('input[name="medically_reviewed_by"], input[name="last_reviewed"]')).to_have_count(0)
    walk.assert_no_sideways_scroll("the reviewed article's editor")
    article.refresh_from_db()
    assert (article.medically_reviewed_by, article.last_reviewed) == ("medical-reviewer", today)
