"""In the admin: disease and authority claims need a listed citation or a verification record to go live.

Drafts can still be saved; every citation form is checked against the reference list; who checked a
record and when are set from the signed-in editor; reviews are never blocked.
"""

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from claims.validation import Evidence, blocking_messages
from content.models import ArticlePage, ArticleVerification, LearnIndexPage
from shop.models import Product, ProductVerification

DISEASE = "Red light therapy eases arthritis pain."
AUTHORITY = "ClinicRed is FDA cleared for minor muscle pain."
REFUSED_DISEASE = "Cannot publish: Disease claim needs a citation or a verification record"


def reference(n):
    return {"authors": f"Test authors {n}", "title": f"Study {n}", "publisher": "Journal", "published": "2012", "kind": "journal_article", "url": "", "doi": "", "study_type": ""}


def record(covers, **fields):
    return {
        "covers": covers,
        "kind": "510k",
        "document": "510(k) K000001 (test data)",
        "indication": "Test indication: the wording this test pretends the clearance holds.",
        "url": "https://example.com/documents/k000001",
        **fields,
    }


@pytest.fixture
def editor(client, django_user_model, demo):
    user = django_user_model.objects.create_superuser("severity-editor", "s@example.com", "pw")
    client.force_login(user)
    client.user = user
    return client


def article_data(blocks, *, references=1, records=(), records_initial=0, publish=True):
    data = nested_form_data(
        {
            "title": "Light and joints",
            "slug": "light-and-joints",
            "intro": "",
            "author": "",
            "health_content": "on",
            "body": streamfield(blocks),
            "citations": inline_formset([reference(n) for n in range(1, references + 1)]),
            "verifications": inline_formset(list(records), initial=records_initial),
        }
    )
    if publish:
        data["action-publish"] = "1"
    return data


def add_article(client, blocks, **options):
    learn = LearnIndexPage.objects.get(slug="learn")
    return client.post(reverse("wagtailadmin_pages:add", args=("content", "articlepage", learn.pk)), article_data(blocks, **options))


def paragraph(html):
    return [("paragraph", rich_text(html))]


def test_an_uncited_disease_claim_is_refused_naming_the_sentence(editor):
    response = add_article(editor, paragraph(f"<p>Joints matter. {DISEASE}</p>"))
    assert response.status_code == 200
    page = response.content.decode()
    assert REFUSED_DISEASE in page and DISEASE in page
    assert not ArticlePage.objects.filter(slug="light-and-joints").exists()


def test_a_draft_with_an_uncited_disease_claim_can_be_saved(editor):
    response = add_article(editor, paragraph(f"<p>{DISEASE}</p>"), publish=False)
    assert response.status_code == 302
    assert not ArticlePage.objects.get(slug="light-and-joints").live


def test_a_disease_claim_citing_a_listed_reference_publishes(editor):
    response = add_article(editor, paragraph("<p>Red light therapy eases arthritis pain [1, 2].</p>"), references=2)
    assert response.status_code == 302
    assert ArticlePage.objects.get(slug="light-and-joints").live


@pytest.mark.parametrize("marker", ["[7–9]", "[2-3]", "[1,3]", "[1] [7]"])
def test_a_marker_outside_the_reference_list_does_not_cite(editor, marker):
    # In a callout, which the paragraph-only marker check does not read: the claim check still does.
    callout = ("callout", {"title": "In short", "text": rich_text(f"<p>Red light therapy eases arthritis pain {marker}.</p>")})
    response = add_article(editor, [callout], references=2)
    assert response.status_code == 200
    page = response.content.decode()
    assert REFUSED_DISEASE in page and "not in the reference list" in page


def test_a_verification_record_unblocks_and_records_who_checked_and_when(editor):
    response = add_article(editor, paragraph(f"<p>{DISEASE}</p>"), records=[record("arthritis pain")])
    assert response.status_code == 302
    page = ArticlePage.objects.get(slug="light-and-joints")
    assert page.live
    saved = ArticleVerification.objects.get(page=page)
    assert saved.checked_by == editor.user and saved.checked_on == timezone.localdate()
    assert saved.document == "510(k) K000001 (test data)" and saved.covers == "arthritis pain"
    panel = editor.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).content.decode()
    assert 'data-claim-row="disease"' in panel and "verification record" in panel and "data-claim-blocks" not in panel


def test_a_record_for_other_wording_does_not_unblock(editor):
    response = add_article(editor, paragraph(f"<p>{DISEASE}</p>"), records=[record("knee pain")])
    assert response.status_code == 200 and REFUSED_DISEASE in response.content.decode()


def test_an_authority_claim_needs_a_record_too(editor):
    response = add_article(editor, paragraph(f"<p>{AUTHORITY}</p>"))
    assert "Cannot publish: Authority claim needs a citation or a verification record" in response.content.decode()
    response = add_article(editor, paragraph(f"<p>{AUTHORITY}</p>"), records=[record("FDA cleared for minor muscle pain")])
    assert response.status_code == 302


def test_who_checked_changes_only_when_the_record_does(editor, client, django_user_model):
    add_article(editor, paragraph(f"<p>{DISEASE}</p>"), records=[record("arthritis pain")])
    page = ArticlePage.objects.get(slug="light-and-joints")
    first = ArticleVerification.objects.get(page=page)
    other = django_user_model.objects.create_superuser("second-editor", "t@example.com", "pw")
    client.force_login(other)
    edit = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    same = record("arthritis pain", id=first.pk)
    response = client.post(edit, article_data(paragraph(f"<p>{DISEASE} Now longer.</p>"), records=[same], records_initial=1))
    assert response.status_code == 302
    assert ArticleVerification.objects.get(page=page).checked_by == editor.user
    changed = record("arthritis pain", id=first.pk, document="510(k) K000002 (test data)")
    response = client.post(edit, article_data(paragraph(f"<p>{DISEASE}</p>"), records=[changed], records_initial=1))
    assert response.status_code == 302
    assert ArticleVerification.objects.get(page=page).checked_by == other


def product_edit(client, product, description, records=()):
    url = reverse("wagtailsnippets_shop_product:edit", args=(product.pk,))
    form = client.get(url).context["form"]
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data.update(description=rich_text(description), image=product.image_id)
    data.update(nested_form_data({"verifications": inline_formset(list(records)), "gallery_images": inline_formset([])}))
    data["action-publish"] = "1"
    return client.post(url, data)


def test_a_product_description_with_a_disease_claim_needs_a_record(editor):
    product = Product.objects.get(slug="clinicred")
    sentence = "ClinicRed eases arthritis pain in weeks."
    response = product_edit(editor, product, f"<p>{sentence}</p>")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Cannot save: Disease claim needs a citation or a verification record" in page and sentence in page
    # A product has no reference list, so a marker in its copy cites nothing.
    response = product_edit(editor, product, "<p>ClinicRed eases arthritis pain in weeks [1].</p>")
    assert response.status_code == 200 and "not in the reference list" in response.content.decode()

    response = product_edit(editor, product, f"<p>{sentence}</p>", records=[record("arthritis pain")])
    assert response.status_code == 302
    product.refresh_from_db()
    assert "arthritis pain" in product.description
    saved = ProductVerification.objects.get(product=product)
    assert saved.checked_by == editor.user and saved.checked_on == timezone.localdate()


def test_reviews_are_never_blocked(db):
    texts = ["My arthritis pain eased with this panel.", "It cured my neuropathy. Doctors recommend it."]
    assert blocking_messages(texts, context="review", evidence=Evidence(references=frozenset())) == []
    assert blocking_messages(texts, context="product", evidence=Evidence(references=frozenset()))
