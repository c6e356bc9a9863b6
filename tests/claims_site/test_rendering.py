"""Where a shopper reads a claim, its disclaimer stands right after the paragraph (markup contract)."""

from html.parser import HTMLParser

import pytest

from tests.shop.conftest import make_order, standard  # noqa: F401  (fixtures)

from shop.models import Product, Review

ARTICLE_URL = "/learn/red-light-therapy-for-peripheral-neuropathy/"
BLOCKS = {"p", "li", "blockquote", "article", "div", "section", "figure", "aside"}


class Tree(HTMLParser):
    """A minimal DOM: elements with tag, attrs, children and text."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.root = {"tag": "root", "attrs": {}, "children": [], "parent": None, "text": ""}
        self.node = self.root
        self.all = []
        self.feed(html)

    VOID = {"img", "br", "input", "meta", "link", "hr", "source"}

    def handle_starttag(self, tag, attrs):
        el = {"tag": tag, "attrs": dict(attrs), "children": [], "parent": self.node, "text": ""}
        self.node["children"].append(el)
        self.all.append(el)
        if tag not in self.VOID:
            self.node = el

    def handle_endtag(self, tag):
        node = self.node
        while node is not self.root and node["tag"] != tag:
            node = node["parent"]
        if node is not self.root:
            self.node = node["parent"]

    def handle_data(self, data):
        node = self.node
        while node is not None:
            node["text"] += data
            node = node["parent"]


def block_of(el):
    node = el["parent"]
    while node["tag"] not in ("p", "li", "blockquote"):
        node = node["parent"]
    return node


def next_element(el):
    siblings = el["parent"]["children"]
    index = siblings.index(el)
    return siblings[index + 1] if index + 1 < len(siblings) else None


def check_contract(html):
    """Every claim span points at a disclaimer placed right after (or, in a list item, inside) its block."""
    tree = Tree(html)
    claims = [el for el in tree.all if "data-claim" in el["attrs"]]
    by_id = {el["attrs"]["id"]: el for el in tree.all if "id" in el["attrs"]}
    for claim in claims:
        target = by_id[claim["attrs"]["aria-describedby"]]
        assert "data-disclaimer" in target["attrs"] and target["text"].strip()
        block = block_of(claim)
        if block["tag"] == "li":
            assert target["parent"] is block and block["children"][-1] is target
        else:
            following, sibling = [], next_element(block)
            while sibling is not None and "data-disclaimer" in sibling["attrs"]:
                following.append(sibling)
                sibling = next_element(sibling)
            assert target in following, f"disclaimer not right after: {claim['text'][:60]}"
        node = claim
        while node is not None:
            assert not (node["tag"].startswith("h") and node["tag"][1:].isdigit()), "heading marked"
            assert node["attrs"].get("class", "").find("reference-list") < 0, "reference marked"
            node = node["parent"]
    return tree, claims


@pytest.fixture
def article_html(client, article):
    return client.get(ARTICLE_URL).content.decode()


def test_article_claims_carry_their_disclaimers(article_html):
    tree, claims = check_contract(article_html)
    categories = {c["attrs"]["data-claim"] for c in claims}
    assert {"urgency", "nonhuman_study", "study_result"} <= categories
    urgency = [c for c in claims if c["attrs"]["data-claim"] == "urgency"]
    assert any("delay trying an infrared light therapy device" in c["text"] for c in urgency)
    assert article_html.count('data-health-notice') == 1


def test_one_disclaimer_per_key_per_paragraph(article_html):
    tree, claims = check_contract(article_html)
    for block in {id(block_of(c)): block_of(c) for c in claims}.values():
        following = []
        sibling = next_element(block)
        while sibling is not None and "data-disclaimer" in sibling["attrs"]:
            following.append(sibling["attrs"]["data-disclaimer"])
            sibling = next_element(sibling)
        assert len(following) == len(set(following))


def test_headings_references_and_product_names_are_not_marked(article_html):
    tree, claims = check_contract(article_html)
    for el in tree.all:
        if el["tag"] in ("h1", "h2", "h3", "nav") or "reference-list" in el["attrs"].get("class", ""):
            assert 'data-claim' not in str([c["attrs"] for c in tree.all if c in el["children"]])
    refs = article_html[article_html.index('class="reference-list"'):]
    refs = refs[: refs.index("</ol>")]
    assert "data-claim" not in refs
    assert all("ClinicRed™" != c["text"].strip() for c in claims)


def test_product_description_claims_are_disclaimed(client, demo):
    product = Product.objects.get(slug="clinicred")
    product.description = "<p>ClinicRed relieves joint pain in weeks. It has a 20 minute timer.</p>"
    product.save()
    html = client.get("/shop/clinicred/").content.decode()
    tree, claims = check_contract(html)
    assert any("relieves joint pain" in c["text"] for c in claims)
    assert not any("timer" in c["text"] for c in claims)


def test_review_with_a_health_claim_shows_the_testimonial_disclaimer(client, demo):
    product = Product.objects.get(slug="protective-glasses")
    Review.objects.create(product=product, rating=5, title="Wow", body="Since using the panel my back pain has eased <b>really</b>.", author_name="Test", status=Review.Status.APPROVED)
    html = client.get("/shop/protective-glasses/").content.decode()
    tree, claims = check_contract(html)
    assert any(c["attrs"]["data-claim"] == "testimonial" for c in claims)
    assert "&lt;b&gt;really&lt;/b&gt;" in html and "<b>really</b>" not in html


def test_plain_review_has_no_disclaimer(client, demo):
    product = Product.objects.get(slug="protective-glasses")
    Review.objects.create(product=product, rating=4, title="Fine", body="Arrived quickly and fits well over my glasses.", author_name="Test", status=Review.Status.APPROVED)
    html = client.get("/shop/protective-glasses/").content.decode()
    review = html[html.index("Arrived quickly"):]
    review = review[: review.index("</li>")]
    assert "data-disclaimer" not in review


def test_confirmation_email_quotes_descriptions_with_disclaimers(make_order, django_capture_on_commit_callbacks):
    from django.core import mail

    from shop.orders import mark_paid

    Product.objects.filter(slug="clinicred").update(description="<p>ClinicRed relieves joint pain in weeks.</p>")
    order = make_order()
    with django_capture_on_commit_callbacks(execute=True):
        mark_paid(order_id=order.pk, payment_intent_id="pi_mail", amount=order.total_cents, currency="usd")
    message = mail.outbox[0]
    html = message.alternatives[0][0]
    check_contract(html)
    assert 'data-claim=' in html and "Note: " in message.body


def test_rule_change_shows_at_once(client, demo, django_capture_on_commit_callbacks):
    from claims.models import Disclaimer

    product = Product.objects.get(slug="clinicred")
    product.description = "<p>ClinicRed relieves joint pain in weeks.</p>"
    product.save()
    html = client.get("/shop/clinicred/").content.decode()
    tree, claims = check_contract(html)
    key = claims[0]["attrs"]["aria-describedby"]
    disclaimer_key = [el for el in tree.all if el["attrs"].get("id") == key][0]["attrs"]["data-disclaimer"]
    d = Disclaimer.objects.get(key=disclaimer_key)
    d.text = "Edited legal wording for the test."
    with django_capture_on_commit_callbacks(execute=True):
        d.save()
    assert "Edited legal wording for the test." in client.get("/shop/clinicred/").content.decode()
