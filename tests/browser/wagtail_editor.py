"""What the editor's hands do in Wagtail's page editor, shared by the editor and reviewer walks."""

from __future__ import annotations

import re

from playwright.sync_api import Page


def action_menu_item(page: Page, name: str):
    """An item of Wagtail's footer action menu, behind the toggle next to "Save draft"."""
    item = page.get_by_role("button", name=name, exact=True)
    if not item.is_visible():
        page.get_by_role("button", name=re.compile("More actions", re.I)).click()
    return item


def publish(page: Page) -> None:
    """Wagtail's footer: "Publish" sits in the action menu behind the toggle next to "Save draft"."""
    button = page.locator('button[name="action-publish"]')
    if not button.is_visible():
        page.get_by_role("button", name=re.compile("More actions", re.I)).click()
    button.click()


def replace_in_rich_text(page: Page, editor_box, old: str, new: str, *, written: str | None = None) -> None:
    """Select `old` inside a Draftail editor as a person would with the mouse, then type `new` over it.

    Returns once the form's hidden input holds `written` (default `new`): Draftail writes it a moment after
    the last keystroke (its save interval), and a form submitted before then sends the old text.
    """
    editor_box.scroll_into_view_if_needed()
    editor_box.click()
    selected = editor_box.evaluate(
        """(box, word) => {
            const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const at = node.data.indexOf(word);
                if (at < 0) continue;
                const range = document.createRange();
                range.setStart(node, at);
                range.setEnd(node, at + word.length);
                const selection = window.getSelection();
                selection.removeAllRanges();
                selection.addRange(range);
                return selection.toString();
            }
            return "";
        }""",
        old,
    )
    assert selected == old
    page.keyboard.type(new)
    page.wait_for_function(
        "text => [...document.querySelectorAll('input[type=hidden]')].some(input => input.value.includes(text))",
        arg=written or new,
    )


def wait_for_autosave(page: Page, walk) -> None:
    """Let Wagtail 8's autosave of the last change finish before submitting (publish, send to a workflow):
    a submit posted while an autosave is in flight carries the older revision id, and Wagtail then refuses
    every later save as overwriting a newer version (a 400). Wagtail starts an autosave half a second after
    the last change it tracks: wait a second for it to start, then for every request in flight to end."""
    page.wait_for_timeout(1_000)
    walk.settle(timeout_ms=20_000)
