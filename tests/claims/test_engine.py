"""The engine on its own: sentences, matching, the seed article and the markup contract."""

from html.parser import HTMLParser

import pytest

from claims.engine import DEFAULT_RULES, Rule, Ruleset, annotate_html, scan, split_sentences


def sentences(text):
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Harkless et al. found a change. It was small.", ["Harkless et al. found a change.", "It was small."]),
        ("Use it daily, e.g. in the morning. Then rest.", ["Use it daily, e.g. in the morning.", "Then rest."]),
        ("Sites fell to 1.4 after 4 weeks. Next.", ["Sites fell to 1.4 after 4 weeks.", "Next."]),
        ("Falls dropped by 78% [3]. Balance improved.", ["Falls dropped by 78% [3].", "Balance improved."]),
        ("Pain fell. [4] Sleep improved.", ["Pain fell. [4]", "Sleep improved."]),
        ("He said “it works.” Then left.", ["He said “it works.”", "Then left."]),
        ("Really? Yes! Done.", ["Really?", "Yes!", "Done."]),
        ("First paragraph\n\nSecond paragraph", ["First paragraph", "Second paragraph"]),
    ],
)
def test_sentence_splitting(text, expected):
    assert sentences(text) == expected


def test_matching_tolerates_quotes_hyphens_and_line_breaks():
    assert scan("Don’t wait: start red light therapy today.")[0].category == "urgency"
    assert scan("Near infrared light increases blood\nflow.")[0].category == "structure_function"
    assert scan("The panel has no side-effects.")[0].severity == "forbidden"
    assert scan("The panel has no side\neffects.")[0].severity == "forbidden"


def test_whole_sentence_offsets():
    text = "Parcels ship fast. Red light therapy reduces inflammation. Thanks."
    claim = scan(text)[0]
    assert text[claim.start:claim.end] == "Red light therapy reduces inflammation." == claim.text


# The seed article's claim sentences and their categories (labelled by the guideline, section 0).
SEED_CLAIMS = [
    ("for pain relief, reducing inflammation, and increasing blood flow to help speed up healing", "structure_function"),
    ("When the light is taken up by mitochondria", "structure_function"),
    ("This means that light therapy actually improves body function at the cellular level", "structure_function"),
    ("red light therapy helps to promote the antioxidant ability within the cells", "structure_function"),
    ("has been tested on a chemical level to show increased contents of antioxidants", "nonhuman_study"),
    ("neurotrophic factors are increased which help the nerve cells decide whether to live or die [5]", "nonhuman_study"),
    ("Infrared light therapy also stimulates production of nitric oxide.", "structure_function"),
    ("can promote nerve growth and reestablish nerve function [3]", "cure"),
    ("Infrared technology has been shown to be effective for reducing pain", "study_result"),
    ("53% of people saw a return", "study_result"),
    ("sensation improved by 66% and pain was reduced by 67%", "study_result"),
    ("reduced incidence of falls by 78%", "study_result"),
    ("Light therapy may also make other therapies work better", "disease"),
    ("the average number of sites without sensation was 1.4 after 4 weeks", "study_result"),
    ("don’t delay trying an infrared light therapy device", "urgency"),
    ("This is a safe, medication-free way to manage pain", "safety"),
    ("to help address peripheral neuropathy", "disease"),
]
SEED_PARAGRAPHS = [
    "Red light therapy is a term that includes the most beneficial red wavelengths of light (630-660nm) and near-infrared wavelengths (820-850nm) for pain relief, reducing inflammation, and increasing blood flow to help speed up healing. Infrared and red light provides the nerve cells with the oxygen and nutrients as a result. When the light is taken up by mitochondria (the batteries within cells), ATP production increases. This means that light therapy actually improves body function at the cellular level, including the nervous system.",
    "As well as helping to provide energy for the cells, red light therapy helps to promote the antioxidant ability within the cells. The ability of red light to promote favourable conditions for regrowth of severed nerve cells has been tested on a chemical level to show increased contents of antioxidants within treated cells [5]. As well as seeing actual regrowth of nerve cells and antioxidant content, neurotrophic factors are increased which help the nerve cells decide whether to live or die [5].",
    "Infrared light therapy also stimulates production of nitric oxide. Since people with diabetic neuropathy often have decreased blood flow and impaired circulation to the peripheral nerves, it makes sense that oxygenation and nutrient delivery by increasing nitric oxide through light technology can promote nerve growth and reestablish nerve function [3].",
    "Infrared technology has been shown to be effective for reducing pain, improving sensation, and increasing the balance of those experiencing neuropathy, especially that caused by diabetes [3]. For people who had lost their protective type sensation, 53% of people saw a return. One large scale study showed that sensation improved by 66% and pain was reduced by 67% - for those with neuropathy, this gives a huge increase to the quality of their life [4]!",
    "As well as reduced pain and improved sensation, people also see increased balance. People found they had a reduced incidence of falls by 78%, 79% less fear of falling, they increased their daily living activities by 72% and saw a 73% decrease in balance problems [3].",
    "Light therapy may also make other therapies work better. In the light therapy plus training group, the average number of sites without sensation was 1.4 after 4 weeks which was reduced from 7.2 sites at the beginning of the study.",
    "So it can be seen that the mechanisms of infrared and red light can help to stimulate the body’s own healing mechanisms to help address peripheral neuropathy. For people with neuropathy or for those who have loved ones who are experiencing the condition, don’t delay trying an infrared light therapy device. This is a safe, medication-free way to manage pain and symptoms to give the potential to change lives!",
]


def test_seed_article_claims_are_found_with_their_category():
    found = [claim for paragraph in SEED_PARAGRAPHS for claim in scan(paragraph, nonhuman_refs=frozenset({5}))]
    for fragment, category in SEED_CLAIMS:
        matches = [c for c in found if fragment in c.text]
        assert matches, fragment
        assert category in matches[0].categories, (fragment, matches[0].categories)


def test_general_medical_information_is_not_a_claim():
    text = (
        "Neuropathy is relatively common with 1 in 3 Americans experiencing the condition [1]. "
        "The most common cause of neuropathy is diabetes, particularly when poorly managed [2]. "
        "Unfortunately, few cases of neuropathy can be cured and not all cases can be effectively treated."
    )
    assert scan(text) == []


@pytest.mark.parametrize(
    "text, blocks",
    [
        ("Red light therapy cures neuropathy.", True),
        ("ClinicRed is FDA approved for back pain.", True),
        ("The panel gives guaranteed results.", True),
        ("Red light therapy has no side effects.", True),
        ("Infrared light reduced pain by 67% in one study.", True),
        ("Infrared light reduced pain by 67% in one study [4].", False),
        ("Red light therapy may reduce inflammation.", False),
    ],
)
def test_what_blocks_publishing(text, blocks):
    claims = scan(text)
    assert claims and claims[0].blocks_publishing is blocks
    if blocks:
        assert claims[0].problem


def test_disabled_rules_and_added_phrases():
    rules = tuple(r if r.id != "body-function" else Rule(**{**r.__dict__, "enabled": False}) for r in DEFAULT_RULES)
    assert scan("Red light therapy reduces inflammation.", Ruleset(rules)) == []
    extra = DEFAULT_RULES + (Rule(id="extra", category="disease", phrases=("restless legs",), disclaimer="disease"),)
    assert scan("Red light calms restless legs.", Ruleset(extra))[0].category == "disease"


class Dom(HTMLParser):
    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.events, self.stack = [], []
        self.feed(html)
        assert self.stack == [], f"unclosed: {self.stack}"

    def handle_starttag(self, tag, attrs):
        self.events.append(("start", tag, dict(attrs)))
        if tag not in ("br", "img"):
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"bad nesting at </{tag}> in {self.stack}"
        self.stack.pop()
        self.events.append(("end", tag, {}))


def test_markup_contract_paragraphs():
    html = (
        "<h2>Red light cures nothing here</h2>"
        "<p>Red light therapy reduces inflammation. It also increases blood flow [<a href=\"#ref-3\">3</a>]. Ship fast.</p>"
        "<p>Plain text &amp; more.</p>"
    )
    out = annotate_html(html, id_prefix="t").html
    Dom(out)
    assert out.startswith("<h2>Red light cures nothing here</h2>")
    assert out.count('class="claim"') == 2
    assert out.count('data-disclaimer="structure_function"') == 1  # shared by the two claims
    first_p_end = out.index("</p>")
    assert out[first_p_end + 4:].startswith('<div class="disclaimer" role="note" id="t-1" data-disclaimer="structure_function">')
    assert '<a href="#ref-3">3</a>' in out and "Plain text &amp; more." in out
    assert 'aria-describedby="t-1"' in out


def test_markup_contract_list_items_and_different_keys():
    out = annotate_html("<ul><li>Red light therapy eases arthritis pain. It is safe.</li><li>Ships free.</li></ul>", id_prefix="x").html
    Dom(out)
    li = out[out.index("<li>"):out.index("</li>")]
    assert 'data-disclaimer="disease safety"' in li  # one note listing both points
    assert 'data-point="disease"' in li and 'data-point="safety"' in li
    assert li.endswith("</div>") and '<div class="disclaimer" role="note"' in li
    assert "Ships free." in out and out.count("data-disclaimer") == 1


def test_markup_sentence_across_inline_tags_stays_well_formed():
    out = annotate_html("<p>Red light <b>reduces inflammation. Ships</b> fast.</p>").html
    Dom(out)
    assert 'data-claim="structure_function"' in out


def test_plain_text_is_wrapped_in_a_paragraph():
    out = annotate_html("Red light therapy reduces inflammation.").html
    Dom(out)
    assert out.startswith('<p><span class="claim"') and '</p><div class="disclaimer"' in out


def test_no_claims_regions_and_escaping():
    html = '<p class="no-claims">Red light therapy cures neuropathy.</p><p>&lt;script&gt; red light heals wounds</p>'
    out = annotate_html(html).html
    assert '<p class="no-claims">Red light therapy cures neuropathy.</p>' in out
    assert "&lt;script&gt;" in out and "<script>" not in out
