"""Readable notes: one per paragraph, each disclaimer once, short forms after the first full one in a
section, and the `{condition}` / `{citation}` placeholders filled from the claim (no database)."""

from html.parser import HTMLParser

import pytest

from claims.engine import DEFAULT_DISCLAIMERS, DEFAULT_SHORT_DISCLAIMERS, Claim, Reference, annotate_html
from claims.engine.placeholders import conditions, fill, markers
from claims.engine.sentences import split_sentences

TEXTS = {"alpha": "Full alpha text.", "beta": "Full beta text.", "testimonial": "Full testimonial text."}
SHORTS = {"alpha": "Short alpha.", "beta": "Short beta.", "testimonial": "Short testimonial."}


class TaggedRules:
    """A stand-in for the rules: a sentence holding "#alpha" is a claim whose disclaimer is "alpha".

    The grouping is tested apart from how sentences are classified (another part of the engine)."""

    rules = ()

    def scan(self, text, **options):
        found = []
        for start, end in split_sentences(text):
            sentence = text[start:end]
            keys = [word[1:].rstrip(".") for word in sentence.split() if word.startswith("#")]
            if keys:
                found.append(
                    Claim(start=start, end=end, text=sentence, category="structure_function", categories=("structure_function",),
                          severity="disclaim", rule_ids=("tagged",), disclaimer=keys[0], cited=False)
                )
        return found


def notes(html, **options):
    options = {"disclaimers": TEXTS, "short_disclaimers": SHORTS, "id_prefix": "n", **options}
    return annotate_html(html, TaggedRules(), **options)


class Tree(HTMLParser):
    """Elements in document order with their parent, attributes and text."""

    VOID = {"br", "img", "hr"}

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.root = {"tag": "root", "attrs": {}, "children": [], "parent": None, "text": ""}
        self.node, self.all = self.root, []
        self.feed(html)
        assert self.node is self.root, "unclosed element"

    def handle_starttag(self, tag, attrs):
        el = {"tag": tag, "attrs": dict(attrs), "children": [], "parent": self.node, "text": ""}
        self.node["children"].append(el)
        self.all.append(el)
        if tag not in self.VOID:
            self.node = el

    def handle_endtag(self, tag):
        assert self.node["tag"] == tag, f"</{tag}> closes <{self.node['tag']}>"
        self.node = self.node["parent"]

    def handle_data(self, data):
        node = self.node
        while node is not None:
            node["text"] += data
            node = node["parent"]

    def find(self, **attrs):
        return [el for el in self.all if all(el["attrs"].get(k) == v for k, v in attrs.items())]

    def notes(self):
        return [el for el in self.all if "data-disclaimer" in el["attrs"]]


def points(note):
    """(key, "full" or "short", summary text) for each point of a note, in order."""
    out = []
    for child in note["children"]:
        key = child["attrs"]["data-point"]
        if child["tag"] == "details":
            summary = next(c for c in child["children"] if c["tag"] == "summary")
            out.append((key, "short", summary["text"]))
        else:
            out.append((key, "full", child["text"]))
    return out


def test_one_note_per_paragraph_listing_each_point_once():
    tree = Tree(notes("<p>One #alpha. Two #beta. Three #alpha. Plain.</p><p>Nothing here.</p>").html)
    (note,) = tree.notes()
    assert note["tag"] == "div" and note["attrs"]["role"] == "note"
    assert note["attrs"]["data-disclaimer"] == "alpha beta"
    assert points(note) == [("alpha", "full", "Full alpha text."), ("beta", "full", "Full beta text.")]
    claims = [el for el in tree.all if el["attrs"].get("class") == "claim"]
    assert len(claims) == 3 and {c["attrs"]["aria-describedby"] for c in claims} == {note["attrs"]["id"]}
    assert tree.root["children"][1] is note  # right after its paragraph


def test_a_disclaimer_shown_in_full_comes_back_short_in_the_same_section():
    html = "<p>One #alpha.</p><p>Two #alpha. Three #beta.</p><p>Four #beta. Five #alpha.</p>"
    tree = Tree(notes(html).html)
    assert [points(n) for n in tree.notes()] == [
        [("alpha", "full", "Full alpha text.")],
        [("alpha", "short", "Short alpha."), ("beta", "full", "Full beta text.")],
        [("beta", "short", "Short beta."), ("alpha", "short", "Short alpha.")],
    ]
    short = tree.find(**{"data-point": "alpha", "class": "disclaimer-point disclaimer-short"})[0]
    assert short["tag"] == "details" and "open" not in short["attrs"]
    assert "Full alpha text." in short["text"]  # the full text is one click away


def test_a_heading_starts_a_new_section():
    tree = Tree(notes("<p>One #alpha.</p><h2>Next</h2><p>Two #alpha.</p><h3>More</h3><p>Three #alpha.</p>").html)
    assert [points(n)[0][1] for n in tree.notes()] == ["full", "full", "full"]


def test_the_section_carries_over_between_passages():
    first = notes("<p>One #alpha.</p>", id_prefix="a")
    assert first.shown == {"alpha"}
    second = notes("<p>Two #alpha. Three #beta.</p>", id_prefix="b", shown=first.shown)
    assert [kind for _, kind, _ in points(Tree(second.html).notes()[0])] == ["short", "full"]
    assert second.shown == {"alpha", "beta"}
    fresh = notes("<p>Two #alpha.</p>")  # another description or review: a section of its own
    assert points(Tree(fresh.html).notes()[0])[0][1] == "full"


@pytest.mark.parametrize("options", [{"short_forms": False}, {"short_disclaimers": {}}, {"short_disclaimers": {"alpha": "  "}}])
def test_without_short_forms_every_note_is_in_full(options):
    tree = Tree(notes("<p>One #alpha.</p><p>Two #alpha.</p>", **options).html)
    assert [points(n)[0][1] for n in tree.notes()] == ["full", "full"]
    assert not tree.find(**{"class": "disclaimer-point disclaimer-short"})


def test_list_items_keep_their_note_inside_as_the_last_child():
    tree = Tree(notes("<ul><li>One #alpha. Two #beta.</li><li>Three #alpha.</li></ul>").html)
    items = [el for el in tree.all if el["tag"] == "li"]
    for item, expected in zip(items, [[("alpha", "full"), ("beta", "full")], [("alpha", "short")]]):
        note = item["children"][-1]
        assert "data-disclaimer" in note["attrs"]
        assert [(key, kind) for key, kind, _ in points(note)] == expected


def test_in_a_review_every_claim_also_carries_the_testimonial_point():
    tree = Tree(notes("<p>It worked #alpha.</p><p>Again #alpha. Felt it #testimonial.</p>", context="review").html)
    first, second = tree.notes()
    assert [key for key, _, _ in points(first)] == ["alpha", "testimonial"]
    assert [(key, kind) for key, kind, _ in points(second)] == [("alpha", "short"), ("testimonial", "short")]
    claim = tree.find(**{"class": "claim"})[0]
    assert claim["attrs"]["data-points"] == "alpha testimonial"


def test_a_review_with_cure_wording_carries_the_cure_and_the_testimonial_points():
    out = annotate_html("<p>This panel cured my neuropathy.</p>", context="review").html
    (note,) = Tree(out).notes()
    found = dict((key, text) for key, _, text in points(note))
    assert list(found) == ["cure", "testimonial"]
    assert "cure or reverse neuropathy" in found["cure"]
    assert found["testimonial"].startswith("One customer's experience.")


def test_placeholders_are_filled_from_the_claim_and_its_references():
    references = {
        3: Reference(number=3, label="Ammar 2012", detail="Randomized controlled trial without a sham arm, 35 patients", href="#ref-3"),
        5: Reference(number=5, label="Ishiguro et al. 2010", detail="Animal study (rats)", href="#ref-5"),
    }
    html = (
        "<p>Red light therapy eases diabetic neuropathy [3]. Infrared light reduced pain by 67% in one study [3].</p>"
        "<p>Red light therapy eases arthritis pain. Infrared light reduced pain by 40% in a trial [3, 5].</p>"
    )
    tree = Tree(annotate_html(html, references=references, id_prefix="p").html)
    first, second = tree.notes()
    text = {key: t for key, _, t in points(first)}
    assert "not an established treatment for diabetic neuropathy" in text["disease"]
    assert "prevent diabetic neuropathy or any other disease" in text["disease"]
    assert "(Ammar 2012 [3]: randomized controlled trial without a sham arm, 35 patients)" in text["study_result"]
    links = [el for el in first["children"][1]["children"] if el["tag"] == "a"]
    assert [link["attrs"]["href"] for link in links] == ["#ref-3"]
    short = {key: t for key, kind, t in points(second) if kind == "short"}
    assert short["disease"] == "Not an established treatment for arthritis; keep to your clinician's plan."
    assert short["study_result"] == "Result from one study (Ammar 2012 [3]; Ishiguro et al. 2010 [5]); your results may differ."
    assert "{" not in tree.root["text"]


def test_placeholders_fall_back_when_the_claim_names_nothing():
    out = annotate_html("<p>Red light therapy cures everything.</p><p>Studies show red light reduces pain by 50%.</p>").html
    text = Tree(out).root["text"]
    assert "cure or reverse any disease" in text
    assert "Result from one study (see the references for its design and size)" in text
    assert "{" not in text


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Light therapy eases diabetic neuropathy.", ["diabetic neuropathy"]),
        ("Neuropathy, especially that caused by diabetes [3].", ["neuropathy", "diabetes"]),
        ("It helps neuropathy, then diabetic neuropathy.", ["diabetic neuropathy"]),
        ("More oxygen reaches the damaged nerves.", ["nerve damage"]),
        ("Relief for rheumatoid arthritis and chronic low back pain.", ["rheumatoid arthritis", "chronic low back pain"]),
        ("Light may help with any disease or disorder.", []),
        ("It reduces inflammation.", []),
    ],
)
def test_conditions_named_by_a_sentence(sentence, expected):
    assert conditions(sentence) == expected


@pytest.mark.parametrize(
    "text, expected",
    [("Pain fell [4].", [4]), ("Both [3, 4] and [3].", [3, 4]), ("A range [7–9].", [7, 8, 9]), ("No marker.", [])],
)
def test_citation_markers(text, expected):
    assert markers(text) == expected


def test_fill_escapes_text_keeps_other_braces_and_uses_fallbacks():
    assert fill("<b> {condition} {x} {citation|none given}") == "&lt;b&gt; this condition {x} none given"
    assert fill("{condition|any disease}", condition_names=["acne", "psoriasis", "eczema"]) == "acne or psoriasis"
    ref = Reference(number=4, label="Harkless et al. 2006", detail="Retrospective review, no control group", href="#ref-4")
    assert fill("({citation})", references=[ref]) == '(<a href="#ref-4">Harkless et al. 2006 [4]</a>: retrospective review, no control group)'
    assert fill("({citation})", references=[ref], short=True) == "(Harkless et al. 2006 [4])"


def test_every_default_disclaimer_has_a_short_form_and_fills_cleanly():
    assert set(DEFAULT_SHORT_DISCLAIMERS) == set(DEFAULT_DISCLAIMERS)
    for key in DEFAULT_DISCLAIMERS:
        for template in (DEFAULT_DISCLAIMERS[key], DEFAULT_SHORT_DISCLAIMERS[key]):
            filled = fill(template, condition_names=["neuropathy"], references=[Reference(number=1, label="A 2020")])
            assert "{" not in filled and "}" not in filled.replace("510(k)", "")
        assert len(DEFAULT_SHORT_DISCLAIMERS[key]) <= 100  # one line


def test_misspelt_placeholders_are_named():
    from claims.engine.placeholders import unknown_placeholders

    assert unknown_placeholders("For {conditon} see {citation|x} and {condition}.") == ["conditon"]
    assert unknown_placeholders("FDA clearance (510(k)) {not a placeholder") == []
