"""The visual system in Chromium: the one focus ring (at least 2 px, with an offset) on every kind of thing
a keyboard reaches, and the dark colour set (prefers-color-scheme: dark) still free of axe-core violations
(its contrast included) at 1280 px and 390 px, and without sideways scroll at 320 px."""

from __future__ import annotations

import re

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

ARTICLE = "/learn/red-light-therapy-for-peripheral-neuropathy/"
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]}}

RING = """() => { const el = document.activeElement, s = getComputedStyle(el);
  return [el.tagName.toLowerCase(), s.outlineStyle, parseFloat(s.outlineWidth), parseFloat(s.outlineOffset), s.outlineColor]; }"""


def focus_rings(page: Page, presses: int) -> dict:
    """Tab through the page: {tag: (style, width, offset, colour)} of the first element of each kind focused."""
    rings = {}
    for _ in range(presses):
        page.keyboard.press("Tab")
        tag, style, width, offset, colour = page.evaluate(RING)
        if tag != "body":  # past the last one, focus leaves the page
            rings.setdefault(tag, (style, width, offset, colour))
    return rings


def test_every_focusable_kind_shows_the_same_visible_ring(page: Page):
    page.goto(ARTICLE)
    rings = focus_rings(page, 25)
    page.goto("/shop/clinicred/")
    rings.update({tag: ring for tag, ring in focus_rings(page, 60).items() if tag not in rings})
    assert {"a", "summary", "button", "input", "textarea"} <= set(rings), rings
    for tag, (style, width, offset, _colour) in rings.items():
        assert style == "solid" and width >= 2 and offset >= 1, (tag, style, width, offset)
    assert len({ring[3] for ring in rings.values()}) == 1, rings  # one focus colour everywhere


def test_dark_colour_set_has_no_axe_violations(axe_page: Page, walk):
    walk.expect_client_error(400, "POST", "/checkout/")  # the script's check of the empty form
    page = axe_page
    page.emulate_media(color_scheme="dark")
    found = {}
    for path in ["/", ARTICLE, "/shop/", "/shop/clinicred/"]:
        page.goto(path)
        assert page.evaluate("getComputedStyle(document.body).backgroundColor") != "rgb(255, 255, 255)"
        found[path] = Axe().run(page, options=WCAG).response["violations"]
    page.get_by_role("button", name=re.compile(r"Add to cart")).first.click()
    expect(page.locator("[data-cart-count]")).to_have_text("1")
    for path in ["/cart/", "/checkout/"]:
        page.goto(path)
        found[path] = Axe().run(page, options=WCAG).response["violations"]
    page.get_by_role("button", name="Pay now").click()
    expect(page.locator("#error-summary")).to_be_visible()
    found["/checkout/ with errors"] = Axe().run(page, options=WCAG).response["violations"]
    summary = {path: [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in found[path]] for path in found}
    assert {path: v for path, v in summary.items() if v} == {}
    page.set_viewport_size({"width": 320, "height": 640})
    for path in ["/", ARTICLE, "/shop/clinicred/", "/cart/", "/checkout/"]:
        page.goto(path)
        walk.assert_no_sideways_scroll(f"{path} at 320 px, dark")
