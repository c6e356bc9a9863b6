"""Article blocks render through their own templates; the citation linker and the claims pass read that
rendered HTML through one tokeniser, and the citation-marker syntax has one definition."""

import html as html_lib
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.core.cache import cache
from wagtail.rich_text import RichText

from claims.engine.evidence import CITATION_RE, marker_items
from claims.engine.markup import annotate_html, passages, rewrite_text, text_of, tokenize
from content.blocks import HeadingBlock, QuoteBlock, unique_anchor
from content.citations import MarkerLinker

ARTICLE_URL = "/learn/red-light-therapy-for-peripheral-neuropathy/"
ROOT = Path(__file__).resolve().parents[2]
ATTRIBUTION = "A play on The Wizard of Oz"


# ---- one tokeniser, one marker definition -------------------------------------------------------


def test_linking_markers_keeps_the_text_the_claims_pass_reads():
    source = '<p title="see [2]">Pain fell by half [1] &amp; more [2, 3]. <a href="/x">[2]</a> "quoted" &lt;b&gt;</p>'
    linker = MarkerLinker(3)
    linked = linker.link(source)
    assert linked.count('class="cite"') == 3  # [1], then 2 and 3 of the list; not the one inside a link
    assert 'title="see [2]"' in linked  # attributes are not text
    assert '<a href="/x">[2]</a>' in linked
    assert "&amp; more" in linked and "&lt;b&gt;" in linked and "<b>" not in linked
    assert passages(linked) == passages(source)
    assert linker.places == {1: ["cite-1-1"], 2: ["cite-2-1"], 3: ["cite-3-1"]}


def test_rewrite_text_hands_over_decoded_text_and_leaves_scripts_alone():
    seen = []
    out = rewrite_text("<p>a &amp; b</p><script>if (a < b) {}</script>", lambda t: seen.append(t) or t.upper())
    assert seen == ["a & b"]
    assert out == "<p>A & B</p><script>if (a < b) {}</script>"
    assert [token[0] for token in tokenize("<p>x<br>y</p>")] == ["start", "text", "void", "text", "end"]
    assert text_of("<p>one [1]</p><p>two&nbsp;words</p>") == "one [1]\ntwo\xa0words\n"


def test_the_citation_marker_is_defined_once():
    """No module, template or script but claims/engine/evidence.py spells out the marker's pattern."""
    spelled = re.compile(r"\\\[[^\n]{0,12}\\d")  # a regular expression for "[" then a digit
    own = ROOT / "claims" / "engine" / "evidence.py"
    assert spelled.search(own.read_text())
    offenders = [
        str(path.relative_to(ROOT))
        for folder in ("content", "claims", "shop", "storefront", "templates", "static")
        for path in (ROOT / folder).rglob("*")
        if path.suffix in (".py", ".js", ".html") and path != own and spelled.search(path.read_text(errors="ignore"))
    ]
    assert offenders == []


@pytest.mark.django_db
def test_reading_time_leaves_citation_markers_out():
    from content.models import ArticlePage

    words = " ".join(["light"] * 219)
    page = ArticlePage(
        title="t",
        intro="",
        body=[
            ("paragraph", RichText(f"<p>{words} [1] [2, 3] [4–6] [7]</p>")),
            ("quote", {"quote": "Said once.", "attribution": ATTRIBUTION}),
        ],
    )
    text = page._plain_text()
    assert not CITATION_RE.search(text) and ATTRIBUTION in text
    assert page.reading_minutes == 2  # 219 + 2 + 5 words: the marker numbers would have added 7 more
    page.body = [("paragraph", RichText(f"<p>{words} [1] [2, 3] [4–6] [7]</p>"))]
    assert page.reading_minutes == 1


# ---- blocks through their templates ---------------------------------------------------------------


def test_the_quote_block_shows_its_attribution():
    block = QuoteBlock()
    html = block.render(block.to_python({"quote": "You always had the power.", "attribution": ATTRIBUTION}))
    assert re.fullmatch(
        rf'<figure class="quote"><blockquote>You always had the power\.</blockquote><figcaption>— {ATTRIBUTION}</figcaption></figure>\s*',
        html,
    )
    bare = block.render(block.to_python({"quote": "You always had the power.", "attribution": ""}))
    assert "figcaption" not in bare and "<blockquote>You always had the power.</blockquote>" in bare


def test_a_claim_in_a_quote_gets_its_note_after_the_attribution():
    block = QuoteBlock()
    rendered = block.render(block.to_python({"quote": "It cured my neuropathy in a week.", "attribution": "A customer"}))
    annotated = annotate_html(rendered).html
    assert re.search(r'</figcaption></figure>\s*<div class="disclaimer" role="note"', annotated)
    assert '<span class="claim"' in annotated.split("</blockquote>")[0]


def test_a_callout_keeps_its_title_out_of_the_claims_pass_and_links_its_markers():
    from content.blocks import CalloutBlock

    block = CalloutBlock()
    value = block.to_python({"title": "Cures nothing", "text": "<p>Red light relieves joint pain [1].</p>"})
    rendered = block.render(value)
    assert rendered.startswith('<aside class="callout" aria-label="Cures nothing"><p class="callout-title no-claims">')
    annotated = annotate_html(MarkerLinker(1).link(rendered)).html
    title, body = annotated.split("</strong></p>", 1)
    assert "claim" not in title.replace("no-claims", "")
    assert '<span class="claim"' in body and 'href="#ref-1"' in body
    assert re.search(r'</p><div class="disclaimer" role="note"[^>]*>.*</div>\s*</aside>', body, re.S)


def test_a_repeated_heading_gets_the_anchor_the_contents_link_to():
    taken = set()
    assert [unique_anchor(t, taken) for t in ("Results", "Results", "results!", "")] == [
        "results", "results-2", "results-3", "section",
    ]
    block = HeadingBlock()
    value = block.to_python({"text": "Results", "level": "h2"})
    assert block.render(value, {"anchor": "results-2"}).strip() == '<h2 id="results-2">Results</h2>'
    assert block.render(value).strip() == '<h2 id="results">Results</h2>'


# ---- the demo article ----------------------------------------------------------------------------


class _Visible(HTMLParser):
    """The text of `.article-body` without the disclaimer notes, and its cite links and notes."""

    def __init__(self, page):
        super().__init__(convert_charrefs=True)
        self.text, self.cites, self.notes, self.figcaptions = [], [], 0, []
        self._depth = self._body = self._note = 0
        self._caption = None
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self._body:
            self._depth += 1
        elif attrs.get("class") == "article-body":
            self._body, self._depth = 1, 1
            return
        if not self._body:
            return
        if "data-disclaimer" in attrs and not self._note:
            self._note = self._depth
            self.notes += 1
        if tag == "a" and "cite" in (attrs.get("class") or "").split():
            self.cites.append(attrs)
        if tag == "figcaption":
            self._caption = []

    def handle_endtag(self, tag):
        if not self._body:
            return
        if self._note == self._depth:
            self._note = 0
        elif not self._note and tag in ("p", "li", "blockquote", "figcaption", "h2", "h3", "div", "aside"):
            self.text.append("\n")  # a block ends a line
        if tag == "figcaption" and self._caption is not None:
            self.figcaptions.append("".join(self._caption))
            self._caption = None
        self._depth -= 1
        if self._depth == 0:
            self._body = 0

    def handle_data(self, data):
        if self._body and not self._note:
            self.text.append(data)
            if self._caption is not None:
                self._caption.append(data)


def _words(text):
    return " ".join(html_lib.unescape(text).split())


def _expected_text(article):
    chunks = []
    for block in article.body:
        kind, value = block.block_type, block.value
        if kind == "paragraph":
            chunks.append(text_of(value.source))
        elif kind == "heading":
            chunks.append(value["text"])
        elif kind == "quote":
            chunks.append(value["quote"] + (f" — {value['attribution']}" if value["attribution"] else ""))
        elif kind == "callout":
            chunks += [value["title"], text_of(value["text"].source)]
    return _words(" ".join(chunks))


def _publish_with_attribution(article, attribution):
    for block in article.body:
        if block.block_type == "quote":
            block.value["attribution"] = attribution
    article.save_revision().publish()
    cache.clear()


@pytest.mark.django_db
def test_the_article_shows_every_block_in_order_with_markers_linked_and_the_quote_attribution(client, article):
    _publish_with_attribution(article, ATTRIBUTION)
    page = client.get(ARTICLE_URL).content.decode()
    visible = _Visible(page)
    assert _words("".join(visible.text)) == _expected_text(article)
    assert visible.figcaptions == [f"— {ATTRIBUTION}"]
    expected_links = sum(
        1 if first == last else 2
        for block in article.body
        if block.block_type == "paragraph"
        for match in CITATION_RE.finditer(text_of(block.value.source))
        for first, last in marker_items(match.group(1))
    )
    assert len(visible.cites) == expected_links >= 15
    assert visible.notes >= 7
    quote = page[page.index('<figure class="quote">') :]
    assert re.match(r'<figure class="quote"><blockquote>.*</blockquote><figcaption>— [^<]*</figcaption></figure>\s*<div class="disclaimer"', quote, re.S)


@pytest.mark.django_db
def test_a_repeated_heading_and_its_contents_entry_share_one_unique_anchor(client, article):
    repeated = next(block.value["text"] for block in article.body if block.block_type == "heading")
    article.body.append(("heading", {"text": repeated, "level": "h2"}))
    article.body.append(("paragraph", RichText("<p>More on the same question.</p>")))
    article.save_revision().publish()
    cache.clear()
    page = client.get(ARTICLE_URL).content.decode()
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids))
    toc = page[page.index('class="toc"') : page.index("</nav>", page.index('class="toc"'))]
    anchors = [a for a in re.findall(r'href="#([^"]+)"', toc) if a != "references"]
    base = unique_anchor(repeated, set())
    assert anchors.count(base) == 1 and anchors.count(f"{base}-2") == 1
    for anchor in anchors:
        assert re.search(rf'<h[23] id="{re.escape(anchor)}">', page)
