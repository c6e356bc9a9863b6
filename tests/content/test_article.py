import re
from html.parser import HTMLParser

import pytest

ARTICLE_URL = "/learn/red-light-therapy-for-peripheral-neuropathy/"

# Transcribed from the seed document (shared/seed), so the tests run without it.
SOURCE_HEADINGS = [
    "Red Light therapy for peripheral neuropathy?",
    "What are the causes of neuropathy?",
    "What are the typical treatments for neuropathy?",
    "How can red and infrared light therapy help with neuropathy?",
    "What type of results do people see when using red and infrared technology for neuropathy?",
    "Shop products",
]
SOURCE_REFERENCES = [
    ("Holland K", "What you should know about neuropathic pain", "Healthline"),
    ("National Institute of Neurological Disorders and Stroke", "Peripheral Neuropathy Fact Sheet", "August 2018"),
    ("Ammar TA", "Monochromatic Infrared Photo Energy in Diabetic Peripheral Neuropathy", "July 2012"),
    ("Harkless LB", "Improved foot sensitivity and pain reduction in patients with peripheral neuropathy", "Journal of Diabetes and Its Complications"),
    ("Ishiguro M", "Effect of near-infrared light-emitting diodes on nerve regeneration", "Journal of Orthopaedic Science"),
    ("Mayo Clinic Staff", "Peripheral neuropathy", "July 2021"),
]


class Page(HTMLParser):
    """Collects headings, ids, links and their targets from a rendered page."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.headings, self.ids, self.links = [], {}, []
        self._heading, self._text, self._stack = None, [], []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            assert attrs["id"] not in self.ids, f"duplicate id {attrs['id']}"
            self.ids[attrs["id"]] = (tag, attrs)
        if tag == "a":
            self.links.append(attrs)
        if re.fullmatch(r"h[1-6]", tag):
            self._heading, self._text = tag, []

    def handle_endtag(self, tag):
        if tag == self._heading:
            self.headings.append((tag, " ".join("".join(self._text).split())))
            self._heading = None

    def handle_data(self, data):
        if self._heading:
            self._text.append(data)


@pytest.fixture
def page(client, article):
    response = client.get(ARTICLE_URL)
    assert response.status_code == 200
    return response.content.decode()


def test_every_heading_of_the_source_is_on_the_page(page):
    texts = [text.lower() for _, text in Page(page).headings]
    for heading in SOURCE_HEADINGS:
        assert heading.lower() in texts
    assert [tag for tag, _ in Page(page).headings].count("h1") == 1


def test_every_paragraph_and_the_closing_quote_are_on_the_page(page, article):
    from content.demo_content.article import BODY

    text = re.sub(r"<[^>]+>", "", page)
    import html

    text = " ".join(html.unescape(text).split())
    for _, source in BODY:
        first_words = " ".join(re.sub(r"\[\d+\]", "", source).split()[:8])
        assert first_words in text
    assert "You’ve always had the power of infrared and red light my dear" in text


def test_every_reference_is_listed_in_source_order(page):
    parsed = Page(page)
    for number in range(1, len(SOURCE_REFERENCES) + 1):
        tag, attrs = parsed.ids[f"ref-{number}"]
        assert tag == "li"
    ordered = [page.index(f'id="ref-{n}"') for n in range(1, 7)]
    assert ordered == sorted(ordered)
    for number, (authors, title, detail) in enumerate(SOURCE_REFERENCES, start=1):
        start = page.index(f'id="ref-{number}"')
        entry = page[start : page.index("</li>", start)]
        assert authors in entry and title in entry and detail in entry


def test_each_citation_marker_links_to_its_entry_and_back(page):
    parsed = Page(page)
    markers = [link for link in parsed.links if "cite" in link.get("class", "").split()]
    assert len(markers) >= 15
    for marker in markers:
        target = marker["href"].lstrip("#")
        assert target in parsed.ids and target.startswith("ref-")
        back = [link for link in parsed.links if link.get("href") == f"#{marker['id']}"]
        assert len(back) == 1, f"reference entry must link back to {marker['id']}"
        start = page.index(f'id="{target}"')
        assert page.index(f'href="#{marker["id"]}"', start) < page.index("</li>", start)


def test_table_of_contents_links_to_each_section(page):
    parsed = Page(page)
    toc = page[page.index('class="toc"') : page.index("</nav>", page.index('class="toc"'))]
    anchors = re.findall(r'href="#([^"]+)"', toc)
    assert len(anchors) == 5
    for anchor in anchors:
        assert parsed.ids[anchor][0] in ("h2", "h3")


def test_article_shows_reading_time_author_and_review_fields(page, article):
    assert "Reading time" in page and f"{article.reading_minutes} min" in page
    assert article.reading_minutes >= 5
    assert "ClinicRed editorial team" in page
    assert "Medically reviewed by" not in page  # empty in the demo


def test_product_cards_render_live_prices(client, article):
    from shop.models import Product

    product = Product.objects.get(slug="clinicred")
    product.price_cents = 17500
    product.save()
    page = client.get(ARTICLE_URL).content.decode()
    cards = page[page.index('class="product-cards"') :]
    assert "$175.00" in cards and "$195.95" not in cards
    assert "/shop/clinicred/" in cards and "$349.00" in cards and "$40.00" in cards
