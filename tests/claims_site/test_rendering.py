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


def holder_of(block):
    """Where a block's note follows: the block, or the figure that holds it (a quote and its attribution)."""
    node = block["parent"]
    while node is not None and node["tag"] != "root":
        if node["tag"] == "figure":
            return node
        node = node["parent"]
    return block


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
            following, sibling = [], next_element(holder_of(block))
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
    assert {"nonhuman_study", "study_result", "disease", "safety"} <= categories
    # The published revision is the editor's compliance edit: its call to act now is gone.
    assert "urgency" not in categories
    assert not any("talk to a doctor before trying" in c["text"] for c in claims)
    safety = [c for c in claims if c["attrs"]["data-claim"] == "safety"]
    assert any("medication-free way to manage pain" in c["text"] for c in safety)
    assert article_html.count('data-health-notice') == 1


def notes_after(block):
    """The notes right after a block (for a list item: inside it, as its last child)."""
    if block["tag"] == "li":
        return [c for c in block["children"][-1:] if "data-disclaimer" in c["attrs"]]
    following, sibling = [], next_element(holder_of(block))
    while sibling is not None and "data-disclaimer" in sibling["attrs"]:
        following.append(sibling)
        sibling = next_element(sibling)
    return following


def points(note):
    """(key, "full" or "short") for each point of a note."""
    return [
        (child["attrs"]["data-point"], "short" if child["tag"] == "details" else "full")
        for child in note["children"]
        if "data-point" in child["attrs"]
    ]


def test_at_most_one_note_per_paragraph_listing_each_point_once(article_html):
    tree, claims = check_contract(article_html)
    blocks = {id(block_of(c)): block_of(c) for c in claims}.values()
    assert len(blocks) >= 7
    for block in blocks:
        (note,) = notes_after(block)
        keys = [key for key, _ in points(note)]
        assert len(keys) == len(set(keys)) and note["attrs"]["data-disclaimer"].split() == keys
        for claim in claims:
            if block_of(claim) is block:
                assert set(claim["attrs"]["data-points"].split()) <= set(keys)


def test_article_repeats_a_disclaimer_in_full_once_per_section(article_html):
    """A disclaimer shown in full earlier in the same (heading-delimited) section comes back short."""
    tree = Tree(article_html)
    body = next(el for el in tree.all if el["attrs"].get("class") == "article-body")
    shown, shorts, seen_sections = set(), 0, 0
    for el in tree.all:
        if not _inside(el, body):
            continue
        if el["tag"] in ("h2", "h3"):
            shown, seen_sections = set(), seen_sections + 1
        elif "data-disclaimer" in el["attrs"]:
            for key, kind in points(el):
                if kind == "short":
                    assert key in shown, f"short form of {key} before its full text in the section"
                    shorts += 1
                else:
                    assert key not in shown, f"{key} in full twice in one section"
                    shown.add(key)
    assert seen_sections == 4 and shorts >= 1
    for details in [el for el in tree.all if el["tag"] == "details"]:
        summary = details["children"][0]
        assert summary["tag"] == "summary" and summary["text"].strip()
        assert len(details["text"]) > len(summary["text"]) + 40  # the full text is inside


def _inside(el, ancestor):
    node = el["parent"]
    while node is not None:
        if node is ancestor:
            return True
        node = node["parent"]
    return False


def test_article_notes_name_the_condition_and_the_citation(article_html):
    tree, claims = check_contract(article_html)
    assert "{condition" not in article_html and "{citation" not in article_html
    nonhuman = [el for el in tree.all if el["attrs"].get("data-point") == "nonhuman_study"]
    assert nonhuman and "Ishiguro et al. 2010 [5]" in nonhuman[0]["text"]
    assert '<a href="#ref-5">Ishiguro et al. 2010 [5]</a>' in article_html
    disease = [el for el in tree.all if el["attrs"].get("data-point") == "disease"]
    assert disease and all(any(c in el["text"] for c in ("neuropathy", "nerve damage", "diabetes")) for el in disease)
    assert not any("this condition" in el["text"] for el in disease)
    studies = [el for el in tree.all if el["attrs"].get("data-point") == "study_result"]
    assert any("Harkless et al. 2006 [4]" in el["text"] and "no control group" in el["text"] for el in studies)


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

    from shop.orders.payment_events import mark_paid

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


def test_review_with_cure_wording_carries_the_cure_and_the_testimonial_points(client, demo):
    product = Product.objects.get(slug="clinicred")
    review = Review.objects.create(
        product=product, rating=5, title="Gone", body="This panel cured my neuropathy in a month.",
        author_name="Test", status=Review.Status.APPROVED,
    )
    html = client.get("/shop/clinicred/").content.decode()
    tree, claims = check_contract(html)
    card = next(el for el in tree.all if el["attrs"].get("id") == f"review-{review.pk}")
    (note,) = [el for el in tree.all if "data-disclaimer" in el["attrs"] and _inside(el, card)]
    assert points(note) == [("cure", "full"), ("testimonial", "full")]
    assert "cure or reverse neuropathy" in note["text"] and "One customer's experience" in note["text"]


def test_a_product_description_is_its_own_section(client, demo):
    product = Product.objects.get(slug="clinicred")
    product.description = (
        "<p>ClinicRed relieves joint pain in weeks.</p><p>ClinicRed also eases muscle soreness.</p>"
    )
    product.save()
    html = client.get("/shop/clinicred/").content.decode()
    tree, claims = check_contract(html)
    description = next(el for el in tree.all if "description" in el["attrs"].get("class", "").split())
    notes = [el for el in tree.all if "data-disclaimer" in el["attrs"] and _inside(el, description)]
    assert [points(n) for n in notes] == [[("structure_function", "full")], [("structure_function", "short")]]


def test_emails_show_every_disclaimer_in_full(make_order, django_capture_on_commit_callbacks):
    from django.core import mail

    from shop.orders.payment_events import mark_paid

    Product.objects.filter(slug="clinicred").update(
        description="<p>ClinicRed relieves joint pain in weeks.</p><p>ClinicRed also eases muscle soreness.</p>"
    )
    order = make_order()
    with django_capture_on_commit_callbacks(execute=True):
        mark_paid(order_id=order.pk, payment_intent_id="pi_mail_full", amount=order.total_cents, currency="usd")
    message = mail.outbox[0]
    html = message.alternatives[0][0]
    check_contract(html)
    assert "<details" not in html and html.count('data-point="structure_function"') == 2
    assert message.body.count("Note: This describes effects reported in research") == 2


def test_data_migration_updates_only_untouched_default_texts(db):
    import importlib

    from django.apps import apps

    from claims.models import Disclaimer

    migration = importlib.import_module("claims.migrations.0003_disclaimer_short_forms")
    Disclaimer.objects.filter(key="disease").update(text=migration.OLD_TEXTS["disease"], short_text="")
    Disclaimer.objects.filter(key="cure").update(text="Wording from the legal team.", short_text="")
    Disclaimer.objects.filter(key="safety").update(short_text="An editor's short form.")
    migration.forwards(apps, None)
    rows = {d.key: d for d in Disclaimer.objects.all()}
    assert rows["disease"].text == migration.NEW_TEXTS["disease"] and "{condition" in rows["disease"].text
    assert rows["cure"].text == "Wording from the legal team."
    assert rows["cure"].short_text == migration.SHORT_TEXTS["cure"]
    assert rows["safety"].short_text == "An editor's short form."
    migration.backwards(apps, None)
    assert Disclaimer.objects.get(key="disease").text == migration.OLD_TEXTS["disease"]
