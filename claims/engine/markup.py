"""Claims in rich text: scan each block's text, wrap claim sentences, add one note after the block."""

from __future__ import annotations

import bisect
import html as html_lib
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser

from . import placeholders
from .placeholders import Reference
from .scanner import Claim, Ruleset, default_ruleset

BLOCKS = {"p", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "dd", "dt", "figcaption", "td", "th"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Annotated:
    html: str
    claims: list[Claim] = field(default_factory=list)
    shown: frozenset[str] = frozenset()  # disclaimer keys shown in full so far in the section


@dataclass
class _Block:
    tag: str | None  # None: top-level text outside any block
    open_index: int
    close_index: int | None = None
    pieces: list[tuple[int, int]] = field(default_factory=list)  # (token index, offset in block text)
    text: list[str] = field(default_factory=list)
    length: int = 0
    skip: bool = False
    after_index: int | None = None  # inside a <figure>: the note goes after the figure (the caption stays with it)


RAW_TEXT = {"script", "style", "template", "textarea", "title"}
INSIDE = {"li", "dd", "dt", "td", "th", "figcaption", "caption"}  # the note goes inside, as the last child


class _Tokens(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tokens: list[list] = []  # [kind, raw or text, tag]
        self._raw_text: str | None = None

    def handle_starttag(self, tag, attrs):
        kind = "void" if tag in VOID else "start"
        self.tokens.append([kind, self.get_starttag_text(), tag, dict(attrs)])
        if tag in RAW_TEXT:
            self._raw_text = tag

    def handle_startendtag(self, tag, attrs):
        self.tokens.append(["void", self.get_starttag_text(), tag, dict(attrs)])

    def handle_endtag(self, tag):
        if tag == self._raw_text:
            self._raw_text = None
        self.tokens.append(["end", f"</{tag}>", tag, {}])

    def handle_data(self, data):
        if self._raw_text:
            self.tokens.append(["raw", data, None, {}])  # script/style text: verbatim, never scanned
        else:
            self.tokens.append(["text", data, None, {}])

    def handle_comment(self, data):
        self.tokens.append(["raw", f"<!--{data}-->", None, {}])

    def handle_decl(self, decl):
        self.tokens.append(["raw", f"<!{decl}>", None, {}])

    def handle_pi(self, data):
        self.tokens.append(["raw", f"<?{data}>", None, {}])


def tokenize(html: str) -> list[list]:
    """The one tokenisation of HTML used on rendered pages: [kind, raw, tag, attrs] per token.

    kind is "start", "end", "void" (raw: the tag as written), "text" (raw: the text, character
    references decoded: escape it again to write it out) or "raw" (script/style text, comments,
    declarations: written out verbatim). The claims pass and the citation-marker linker both read it.
    """
    parser = _Tokens()
    parser.feed(html)
    parser.close()
    return parser.tokens


def rewrite_text(html: str, replace: Callable[[str], str], *, skip_inside: Collection[str] = ("a",)) -> str:
    """`html` with each text run (decoded) replaced by the markup `replace(text)` returns; tags are kept
    as written, text inside a `skip_inside` element (a link, by default) is only escaped again."""
    out: list[str] = []
    inside = 0
    for kind, raw, tag, _ in tokenize(html):
        if kind == "text":
            out.append(html_lib.escape(raw, quote=False) if inside else replace(raw))
            continue
        if tag in skip_inside:
            inside = inside + 1 if kind == "start" else max(0, inside - 1) if kind == "end" else inside
        out.append(raw)
    return "".join(out)


def text_of(html: str) -> str:
    """The text a reader reads in `html`: character references decoded, a block element or <br> ends a line."""
    out: list[str] = []
    for kind, raw, tag, _ in tokenize(html):
        if kind == "text":
            out.append(raw)
        elif tag == "br" or kind == "end" and tag in BLOCKS:
            out.append("\n")
    return "".join(out)


def _blocks(tokens) -> list[_Block]:
    """Group text tokens by the innermost block element that holds them."""
    blocks: list[_Block] = []
    stack: list[tuple[str, _Block | None, bool]] = []  # (tag, block if a block element, no-claims)
    figures: list[list[_Block]] = []  # the blocks inside each open <figure>
    top: _Block | None = None
    for index, (kind, raw, tag, attrs) in enumerate(tokens):
        if kind == "start" and tag not in VOID:
            no_claims = "no-claims" in (attrs.get("class") or "") or tag in RAW_TEXT or (stack and stack[-1][2])
            block = None
            if tag == "figure":
                figures.append([])
            if tag in BLOCKS:
                top = None
                block = _Block(tag=tag, open_index=index, skip=tag in HEADINGS or bool(no_claims))
                blocks.append(block)
                if figures and tag not in INSIDE:
                    figures[-1].append(block)
            stack.append((tag, block, bool(no_claims)))
        elif kind == "end":
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == tag:
                    for open_tag, block, _ in stack[depth:]:
                        if block is not None:
                            block.close_index = index
                        if open_tag == "figure" and figures:
                            for held in figures.pop():
                                held.after_index = index
                    del stack[depth:]
                    break
        elif kind in ("text", "void"):
            holder = next((b for _, b, _ in reversed(stack) if b is not None), None)
            if holder is None:
                if kind == "void" or not raw.strip() and top is None:
                    continue
                if top is None:
                    top = _Block(tag=None, open_index=index)
                    blocks.append(top)
                holder = top
            no_claims = bool(stack and stack[-1][2])
            if kind == "void":
                if tag == "br":
                    holder.text.append("\n")
                    holder.length += 1
                continue
            if no_claims:
                holder.text.append(" " * len(raw))  # keeps offsets, never matched
            else:
                holder.pieces.append((index, holder.length))
                holder.text.append(raw)
            holder.length += len(raw)
            if top is holder:
                holder.close_index = index
    return blocks


def passages(html: str) -> list[str]:
    """The text of each block (paragraph, list item, quote...) as annotate_html reads it."""
    return ["".join(block.text) for block in _blocks(tokenize(html)) if not block.skip and block.pieces]


def annotate_html(
    html: str,
    ruleset: Ruleset | None = None,
    *,
    disclaimers: Mapping[str, str] | None = None,
    short_disclaimers: Mapping[str, str] | None = None,
    id_prefix: str = "claim",
    context: str = "article",
    nonhuman_refs: frozenset[int] = frozenset(),
    references: Mapping[int, Reference] | None = None,
    shown: frozenset[str] = frozenset(),
    short_forms: bool = True,
    classifier=None,
) -> Annotated:
    """Wrap each claim sentence in a span and put one note right after the block that holds it (a
    block inside a `<figure>`, as a quote with its attribution: right after the figure; a list item or
    a caption: inside it, as its last child).

    The note lists each disclaimer its block's claims need once, `{condition}` and `{citation}` filled
    from those claims. A disclaimer already shown in full earlier in the section (`shown`, then each
    block in turn; a heading starts a new section) comes back as its short form, a `<details>` whose
    summary is the one-line text and whose body is the full text. Without a short text, or with
    `short_forms=False` (e-mails), every disclaimer is shown in full. `Annotated.shown` is what the
    next passage of the same section should be given.
    """
    ruleset = ruleset or default_ruleset()
    if disclaimers is None:
        from .defaults import DEFAULT_DISCLAIMERS, DEFAULT_SHORT_DISCLAIMERS

        disclaimers = DEFAULT_DISCLAIMERS
        short_disclaimers = DEFAULT_SHORT_DISCLAIMERS if short_disclaimers is None else short_disclaimers
    short_disclaimers = short_disclaimers if short_forms and short_disclaimers else {}
    references = references or {}
    testimonial_key = _testimonial_key(ruleset) if context == "review" else None
    tokens = tokenize(html)
    inserts_before: dict[int, list[str]] = {}
    inserts_after: dict[int, list[str]] = {}
    splits: dict[int, list[tuple[int, str]]] = {}  # token index -> [(offset in token, markup)]
    all_claims: list[Claim] = []
    shown_in_full = set(shown)
    counter = 0
    for block in _blocks(tokens):
        if block.tag in HEADINGS:
            shown_in_full.clear()
        if block.skip or not block.pieces:
            continue
        text = "".join(block.text)
        claims = ruleset.scan(text, nonhuman_refs=nonhuman_refs, classifier=classifier)
        if not claims:
            continue
        counter += 1
        note_id = f"{id_prefix}-{counter}"
        points: dict[str, list[Claim]] = {}  # disclaimer key -> the block's claims that need it, in order
        for claim in claims:
            keys = _points(claim, testimonial_key)
            for key in keys:
                points.setdefault(key, []).append(claim)
            opening = (
                f'<span class="claim" data-claim="{claim.category}" data-points="{html_lib.escape(" ".join(keys))}" '
                f'aria-describedby="{note_id}">'
            )
            _wrap(tokens, block, claim.start, claim.end, opening, splits)
        all_claims.extend(claims)
        rendered = []
        for key, needing in points.items():
            short = key in shown_in_full and bool(short_disclaimers.get(key, "").strip())
            rendered.append(
                _point(key, needing, disclaimers.get(key, ""), short_disclaimers.get(key, "") if short else None, references, text)
            )
            shown_in_full.add(key)
        note = (
            f'<div class="disclaimer" role="note" id="{note_id}" data-disclaimer="{html_lib.escape(" ".join(points))}">'
            f'{"".join(rendered)}</div>'
        )
        if block.tag is None:
            inserts_before.setdefault(block.open_index, []).append("<p>")
            inserts_after.setdefault(block.close_index, []).append("</p>" + note)
        elif block.tag in INSIDE and block.close_index is not None:
            inserts_before.setdefault(block.close_index, []).append(note)
        else:
            after = block.after_index if block.after_index is not None else block.close_index
            inserts_after.setdefault(after if after is not None else len(tokens) - 1, []).append(note)
    out: list[str] = []
    for index, (kind, raw, _tag, _) in enumerate(tokens):
        out.extend(inserts_before.get(index, ()))
        if kind == "text":
            out.append(_render_text(raw, splits.get(index, [])))
        else:
            out.append(raw)
        out.extend(inserts_after.get(index, ()))
    return Annotated(html="".join(out), claims=all_claims, shown=frozenset(shown_in_full))


def _testimonial_key(ruleset: Ruleset) -> str:
    """The disclaimer a review's claims carry as well as their own (compliance.md 3.7)."""
    rules = getattr(ruleset, "rules", ())
    return next((rule.disclaimer for rule in rules if rule.category == "testimonial" and rule.disclaimer), "testimonial")


def _points(claim: Claim, testimonial_key: str | None) -> tuple[str, ...]:
    """The disclaimers one claim needs: its own, and in a review the testimonial one too."""
    keys = [claim.disclaimer]
    if testimonial_key and testimonial_key not in keys:
        keys.append(testimonial_key)
    return tuple(keys)


def _point(
    key: str, claims: list[Claim], text: str, short_text: str | None, references: Mapping[int, Reference], passage: str = ""
) -> str:
    """One disclaimer in a note: its full text, or its short form with the full text one click away.

    `{condition}` names the conditions the claims name or, when they name none ("it eases the burning"),
    those the rest of the passage names."""
    names: list[str] = []
    cited: list[Reference] = []
    for claim in claims:
        names.extend(name for name in placeholders.conditions(claim.text) if name not in names)
    if not names:
        names = placeholders.conditions(passage)[:2]
    for claim in claims:
        cited.extend(references[n] for n in placeholders.markers(claim.text) if n in references and references[n] not in cited)
    full = placeholders.fill(text, condition_names=names, references=cited)
    attrs = f'data-point="{html_lib.escape(key)}"'
    if short_text is None:
        return f'<p class="disclaimer-point" {attrs}>{full}</p>'
    summary = placeholders.fill(short_text, condition_names=names, references=cited, short=True)
    return (
        f'<details class="disclaimer-point disclaimer-short" {attrs}><summary>{summary}</summary>'
        f'<p class="disclaimer-full">{full}</p></details>'
    )


def _render_text(raw: str, marks: list[tuple[int, str]]) -> str:
    if not marks:
        return html_lib.escape(raw, quote=False)
    parts, last = [], 0
    for offset, markup in sorted(marks, key=lambda m: (m[0], m[1].startswith("<span"))):
        parts.append(html_lib.escape(raw[last:offset], quote=False))
        parts.append(markup)
        last = offset
    parts.append(html_lib.escape(raw[last:], quote=False))
    return "".join(parts)





def _compute_lengths(block: _Block) -> list[int]:
    cached = getattr(block, "_lengths", None)
    if cached is not None:
        return cached
    starts = [start for _, start in block.pieces]
    ends = starts[1:] + [block.length]
    block._lengths = [end - start for start, end in zip(starts, ends)]
    block._starts = starts
    return block._lengths


def _wrap(tokens, block: _Block, start: int, end: int, opening: str, splits) -> None:
    """Insert the claim span; one span if the markup between its ends is balanced, else one per text piece."""
    lengths = _compute_lengths(block)
    pieces = block.pieces
    covered = []
    first_piece = max(0, bisect.bisect_right(block._starts, start) - 1)
    for number in range(first_piece, len(pieces)):
        token_index, piece_start = pieces[number]
        if piece_start >= end:
            break
        raw_len = len(tokens[token_index][1])
        piece_end = piece_start + min(lengths[number], raw_len)
        lo, hi = max(start, piece_start), min(end, piece_end)
        if lo < hi:
            covered.append((number, token_index, lo - piece_start, hi - piece_start))
    if not covered:
        return
    first, last = covered[0], covered[-1]
    if first[1] == last[1] or _balanced(tokens, first[1], last[1]):
        splits.setdefault(first[1], []).append((first[2], opening))
        splits.setdefault(last[1], []).append((last[3], "</span>"))
        return
    for _, token_index, lo, hi in covered:
        splits.setdefault(token_index, []).append((lo, opening))
        splits.setdefault(token_index, []).append((hi, "</span>"))


def _balanced(tokens, first: int, last: int) -> bool:
    depth = 0
    for kind, _, tag, _ in tokens[first + 1:last]:
        if kind == "start" and tag not in VOID:
            depth += 1
        elif kind == "end":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0
