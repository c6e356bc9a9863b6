"""Citation markers in article text: every form the editor may type is read and linked the same way."""

import pytest

from content.citations import MarkerLinker, unknown_markers


@pytest.mark.parametrize(
    "texts, count, unknown",
    [
        (["Pain fell [7–9]."], 2, [7, 8, 9]),
        (["Pain fell [1,3]."], 2, [3]),
        (["Pain fell [2-4]."], 4, []),
        (["Pain fell [2-4]."], 3, [4]),
        (["Pain fell [1, 3–5].", "Rose [ 6 ]."], 4, [5, 6]),
        (["Pain fell [1, 2]."], 2, []),
    ],
)
def test_unknown_markers_expand_ranges_and_lists(texts, count, unknown):
    assert unknown_markers(texts, count) == unknown


def test_a_range_links_its_ends_and_every_link_has_one_place():
    linker = MarkerLinker(6)
    html = linker.link("<p>Pain fell [3–5]. Rose [1, 2-3]. Fell [7–9].</p>")
    assert '[<a class="cite" id="cite-3-1" href="#ref-3" aria-label="Reference 3">3</a>–<a class="cite" id="cite-5-1" href="#ref-5"' in html
    assert 'href="#ref-1"' in html and 'id="cite-3-2"' in html
    assert "Fell [7–9]." in html  # names no reference: left as typed (the editor form refuses it)
    assert linker.places[3] == ["cite-3-1", "cite-3-2"] and linker.places[5] == ["cite-5-1"]
    assert 4 not in linker.places
