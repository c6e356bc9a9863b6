import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from content.models import ArticlePage, LearnIndexPage
from shop.models import Product

CITATION = {"authors": "Ammar TA", "title": "MIRE in DPN", "publisher": "ISRN", "published": "2012", "kind": "journal_article", "url": "", "doi": "", "study_type": ""}


@pytest.fixture
def editor(client, django_user_model, demo):
    client.force_login(django_user_model.objects.create_superuser("claims-editor", "e@example.com", "pw"))
    return client


def post_article(client, paragraph, action="action-publish"):
    learn = LearnIndexPage.objects.get(slug="learn")
    data = nested_form_data(
        {
            "title": "Light and knees",
            "slug": "light-and-knees",
            "intro": "",
            "author": "",
            "health_content": "on",
            "body": streamfield([("paragraph", rich_text(paragraph))]),
            "citations": inline_formset([CITATION]),
            "verifications": inline_formset([]),
        }
    )
    if action:
        data[action] = "1"
    return client.post(reverse("wagtailadmin_pages:add", args=("content", "articlepage", learn.pk)), data)


@pytest.mark.parametrize(
    "sentence",
    [
        "Red light therapy cures neuropathy for good.",
        "Our panel gives guaranteed results in two weeks.",
        "Red light therapy has no side effects at all.",
    ],
)
def test_publishing_forbidden_wording_fails_naming_the_sentence(editor, sentence):
    response = post_article(editor, f"<p>Intro sentence. {sentence}</p>")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Cannot publish" in page and sentence[:30] in page
    assert not ArticlePage.objects.filter(slug="light-and-knees").exists()


def test_uncited_statistic_is_refused_and_cited_one_publishes(editor):
    response = post_article(editor, "<p>Light therapy reduced pain by 67% in one study.</p>")
    assert response.status_code == 200 and "Cannot publish" in response.content.decode()
    response = post_article(editor, "<p>Light therapy reduced pain by 67% in one study [1].</p>")
    assert response.status_code == 302
    assert ArticlePage.objects.get(slug="light-and-knees").live


def test_a_draft_with_forbidden_wording_can_be_saved(editor):
    response = post_article(editor, "<p>Red light therapy cures neuropathy.</p>", action=None)
    assert response.status_code == 302
    page = ArticlePage.objects.get(slug="light-and-knees")
    assert not page.live


def test_claims_panel_lists_the_draft_claims(editor, article):
    html = editor.get(reverse("wagtailadmin_pages:edit", args=(article.pk,))).content.decode()
    assert "Health claims in this draft" in html
    assert 'data-claim-row="safety"' in html and 'data-claim-row="nonhuman_study"' in html


def test_saving_a_product_description_with_forbidden_wording_is_refused(editor):
    product = Product.objects.get(slug="clinicred")
    url = reverse("wagtailsnippets_shop_product:edit", args=(product.pk,))
    form = editor.get(url).context["form"]
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data["description"] = rich_text("<p>ClinicRed cures arthritis.</p>")
    data["image"] = product.image_id
    data.update(nested_form_data({"verifications": inline_formset([]), "gallery_images": inline_formset([])}))
    response = editor.post(url, data)
    assert response.status_code == 200
    assert "Cannot save" in response.content.decode()
    product.refresh_from_db()
    assert "cures" not in product.description


def test_userbar_content_checker_carries_the_claim_rule(editor, article):
    html = editor.get(article.url).content.decode()
    assert "claim-has-disclaimer" in html and "check-claim-disclaimer" in html
    assert "claims/js/claims-check.js" in html


def test_a_disclaimer_with_a_misspelt_placeholder_is_refused(db):
    from django.core.exceptions import ValidationError

    from claims.models import Disclaimer

    disclaimer = Disclaimer(key="extra", title="Extra", text="Not a treatment for {conditon}.", short_text="For {condition}.")
    with pytest.raises(ValidationError) as refused:
        disclaimer.full_clean()
    assert set(refused.value.message_dict) == {"text"} and "{conditon}" in refused.value.message_dict["text"][0]


def test_reopening_a_draft_reads_its_claims_without_checking_again(editor, article, monkeypatch):
    """The Health claims panel's list is kept by rules, texts and support: the edit view of the same
    draft runs the claim checks once; a changed draft is checked afresh."""
    from claims import validation

    calls = []
    real_report = validation.report
    monkeypatch.setattr(validation, "report", lambda *args, **kwargs: calls.append(1) or real_report(*args, **kwargs))
    url = reverse("wagtailadmin_pages:edit", args=(article.pk,))
    first, second = (editor.get(url).content.decode() for _ in range(2))
    assert len(calls) == 1
    assert 'data-claim-row="safety"' in second and second.count("data-claim-row") == first.count("data-claim-row")

    article.intro = "Red light therapy cures neuropathy."
    article.save_revision()
    assert "cures neuropathy" in editor.get(url).content.decode()
    assert len(calls) == 2
