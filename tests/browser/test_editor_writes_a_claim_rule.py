"""An editor, in headless Chromium at 1280 px and 390 px, tries to save a claim rule whose pattern
backtracks catastrophically, is refused with a message naming the problem, rewrites it and saves it.

Fails on any console error, any 5xx, any 4xx but the one announced below, any exception in the live
server and any sideways scroll (see conftest.py).
"""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from claims.models import ClaimRule

ISSUE_PATTERN = r"(\w+\s?)+ cures"
SAFE_PATTERN = r"(?:\w+\s+){0,5}cures"
ADD_RULE = "/admin/snippets/claims/claimrule/add/"


def test_editor_is_refused_a_catastrophic_pattern_and_saves_a_safe_one(page: Page, editor, walk):
    # The only 4xx allowed: Wagtail's background autosave of the refused form (it may still be in
    # flight, or cancelled, when the editor saves the rewritten pattern), with Chromium's console line.
    walk.expect_client_error(400, "POST", ADD_RULE)

    page.goto(ADD_RULE)
    page.get_by_label("Rule id").fill("editor-cures")
    page.get_by_label("Category").select_option("cure")
    page.get_by_label("Severity").select_option("forbidden")
    page.get_by_label("Disclaimer key").fill("cure")
    page.get_by_role("textbox", name="Patterns").fill(ISSUE_PATTERN)
    page.get_by_role("button", name="Save", exact=True).click()

    refusal = page.get_by_text(re.compile(r"can backtrack catastrophically: inside the repeated part"))
    expect(refusal).to_be_visible()
    expect(refusal).to_contain_text(ISSUE_PATTERN)
    walk.assert_no_sideways_scroll("the refused form")

    page.get_by_role("textbox", name="Patterns").fill(SAFE_PATTERN)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text(re.compile(r"Claim rule .*editor-cures.* created", re.I))).to_be_visible()
    walk.assert_no_sideways_scroll("the rule list")

    # One rule, with the safe pattern: the refused save stored nothing (the rule id is unique).
    assert list(ClaimRule.objects.filter(rule_id="editor-cures").values_list("patterns", flat=True)) == [SAFE_PATTERN]
