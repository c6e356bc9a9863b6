"""The storefront's one stylesheet is a small visual system: its colours, sizes, spaces, radii and borders
are design tokens (custom properties) declared in the :root blocks at its top, the rules use them, and it
loads no font from anywhere (system fonts only)."""

import re
from pathlib import Path

CSS = (Path(__file__).resolve().parents[1] / "static" / "css" / "site.css").read_text()
TOKENS_END = CSS.index("*{box-sizing")  # the token blocks (light, then dark) come first
LITERAL = re.compile(r"#[0-9a-fA-F]{3,8}\b|\brgba?\(|\bhsla?\(|(?<![\w.-])\d*\.?\d+(rem|px|vw|vh)\b")


def declarations(css):
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        for prop, value in re.findall(r"([\w-]+)\s*:\s*([^;]+)", body):
            yield selector.strip().splitlines()[-1], prop, value


def test_rules_use_tokens_not_literal_colours_or_sizes():
    # 1px is the clip of the visually-hidden pattern, not a design size; media queries cannot read tokens.
    rules = re.sub(r"@media\([^)]*\)", "", CSS[TOKENS_END:])
    literal = [(sel, prop, value) for sel, prop, value in declarations(rules) if LITERAL.search(value.replace("1px", ""))]
    assert literal == []


def test_the_palette_has_every_role_in_light_and_dark():
    light, dark = CSS[:CSS.index("@media(prefers-color-scheme:dark)")], CSS[CSS.index("@media(prefers-color-scheme:dark)"):TOKENS_END]
    roles = ["text", "text-muted", "bg", "accent", "border", "error", "success", "focus"]
    for role in roles:
        assert f"--color-{role}:" in light and f"--color-{role}:" in dark, role


def test_every_token_used_is_declared():
    declared = set(re.findall(r"(--[\w-]+)\s*:", CSS))
    used = set(re.findall(r"var\((--[\w-]+)", CSS))
    assert used - declared - {"--fill"} == set()


def test_system_fonts_only():
    assert "@font-face" not in CSS and "@import" not in CSS
    assert not re.search(r"url\(\s*[\"']?(https?:)?//", CSS)
