"""The Health claims panel's live re-scan endpoint, and where a refused publish shows its problems."""

import json
import re

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from content.models import ArticlePage, LearnIndexPage

BAD = "This device cures neuropathy, guaranteed results."
CITATION = {"authors": "Ammar TA", "title": "MIRE in DPN", "publisher": "ISRN", "published": "2012", "kind": "journal_article", "url": "", "doi": "", "study_type": ""}


@pytest.fixture
def claims_editor(django_user_model, demo):
    user = django_user_model.objects.create_user("claims-editor", "claims-editor@example.com", "pw")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def editor_client(client, claims_editor):
    client.force_login(claims_editor)
    return client


def article_data(paragraphs, *, title="Light and knees", search_description="", action="action-publish"):
    data = nested_form_data(
        {
            "title": title,
            "slug": "light-and-knees",
            "intro": "",
            "author": "",
            "health_content": "on",
            "search_description": search_description,
            "body": streamfield(
                [("heading", {"text": "What we know", "level": "h2"})]
                + [("paragraph", rich_text(f"<p>{text}</p>")) for text in paragraphs]
            ),
            "citations": inline_formset([CITATION]),
            "verifications": inline_formset([]),
        }
    )
    for position in range(int(data["body-count"])):
        data[f"body-{position}-id"] = f"0b1c2d3e-0000-4000-8000-00000000000{position}"  # as the editor's browser sets them
    if action:
        data[action] = "1"
    return data


def add_url():
    learn = LearnIndexPage.objects.get(slug="learn")
    return reverse("wagtailadmin_pages:add", args=("content", "articlepage", learn.pk))


def scan_url():
    learn = LearnIndexPage.objects.get(slug="learn")
    return reverse("claims_scan_new_page", args=("content", "articlepage", learn.pk))


def test_a_refused_publish_marks_the_block_and_names_every_forbidden_phrase(editor_client):
    response = editor_client.post(add_url(), article_data(["Light sits between 630 and 660 nm.", BAD]))
    assert response.status_code == 200
    assert not ArticlePage.objects.filter(slug="light-and-knees").exists()
    body_error = response.context["form"].errors.as_data()["body"][0]
    assert set(body_error.block_errors) == {2}  # the heading is block 0; the bad sentence is in block 2
    message = body_error.block_errors[2].messages[0]
    assert "Forbidden: cure (“cures”)" in message and "Forbidden: guarantee (“guaranteed”)" in message
    page = response.content.decode()
    assert "Cannot publish" in page and "Body, block 3 (paragraph)" in page


def test_a_title_naming_a_study_publishes(editor_client):
    data = article_data(["Light sits between 630 and 660 nm."], title="Red light and sleep: what one small study found")
    response = editor_client.post(add_url(), data)
    assert response.status_code == 302
    assert ArticlePage.objects.get(slug="light-and-knees").live


def test_forbidden_wording_in_the_search_description_is_refused_on_its_field(editor_client):
    data = article_data(["Light sits between 630 and 660 nm."], search_description="Guaranteed results for neuropathy.")
    response = editor_client.post(add_url(), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "Forbidden: guarantee" in errors["search_description"][0]
    assert any("(Search description)" in error for error in errors["__all__"])


def test_live_scan_returns_readable_labels_and_the_block_without_saving(editor_client):
    data = article_data(["Light sits between 630 and 660 nm.", BAD], action=None)
    response = editor_client.post(scan_url(), data)
    assert response.status_code == 200
    found = response.json()
    assert not ArticlePage.objects.filter(slug="light-and-knees").exists()
    [finding] = [f for f in found["findings"] if f["sentence"] == BAD]
    labels = {phrase["label"]: phrase["words"] for phrase in finding["phrases"]}
    assert labels["Forbidden: cure"] == "cures" and labels["Forbidden: guarantee"] == "guaranteed"
    assert finding["block"] == 2 and finding["block_id"] and finding["where"] == "Body, block 3 (paragraph)"
    assert "neuropathy" in finding["disclaimer"]  # the cure disclaimer, {condition} filled
    assert f'data-claims-goto-block="{finding["block_id"]}"' in found["html"]
    shown = re.sub(r"<[^>]+>", " ", found["html"])
    assert "Forbidden: guarantee" in shown and "structure_function" not in shown and "forbidden" not in shown


def test_live_scan_of_a_statistic_says_it_needs_a_citation(editor_client):
    found = editor_client.post(scan_url(), article_data(["Light therapy reduced pain by 67% in one study."], action=None)).json()
    [finding] = [f for f in found["findings"] if f["where"] != "Title"]
    assert finding["phrases"][0] == {"label": "Statistic – needs a citation", "words": "reduced pain by 67%", "problem": True}
    assert "Health effect claim – needs disclaimer" in [phrase["label"] for phrase in finding["phrases"]]


def test_live_scan_of_the_saved_article(editor_client, article):
    url = reverse("claims_scan_page", args=(article.pk,))
    form = editor_client.get(reverse("wagtailadmin_pages:edit", args=(article.pk,))).context["form"]
    assert form is not None
    response = editor_client.post(url, {"title": "x"})  # not the StreamField's counts: bad input
    assert response.status_code == 400


def test_anonymous_is_sent_to_sign_in(client, demo):
    response = client.post(scan_url(), article_data([BAD], action=None))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_get_is_not_allowed(editor_client):
    assert editor_client.get(scan_url()).status_code == 405


def test_an_oversized_form_is_refused(editor_client):
    response = editor_client.post(scan_url(), article_data(["x " * 600_000], action=None))
    assert response.status_code == 413


def test_without_a_csrf_token_the_scan_is_refused(claims_editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(claims_editor)
    response = client.post(scan_url(), article_data([BAD], action=None))
    assert response.status_code == 403


def test_an_order_manager_cannot_scan_pages(client, django_user_model, demo, article):
    user = django_user_model.objects.create_user("orders-desk", "orders-desk@example.com", "pw")
    user.groups.add(Group.objects.get(name="Order managers"))
    client.force_login(user)
    response = client.post(reverse("claims_scan_page", args=(article.pk,)), article_data([BAD], action=None))
    assert response.status_code in (302, 403)
    assert "Forbidden: cure" not in response.content.decode()


def test_the_panel_lists_the_title_and_links_each_block(editor_client, article):
    html = editor_client.get(reverse("wagtailadmin_pages:edit", args=(article.pk,))).content.decode()
    assert "data-claims-scan-url=" in html and "claims/js/claims-panel.js" in html
    assert "data-claims-goto-block=" in html
    json.dumps(html)  # the page renders as a whole


def test_live_scan_of_a_product_lists_its_name_and_description(editor_client):
    from shop.models import Product

    product = Product.objects.get(slug="clinicred")
    name = product.name
    url = reverse("wagtailsnippets_shop_product:edit", args=(product.pk,))
    html = editor_client.get(url).content.decode()
    scan = reverse("claims_scan_snippet", args=("shop", "product", product.pk))
    assert f'data-claims-scan-url="{scan}"' in html
    form = editor_client.get(url).context["form"]
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data.update(name="ClinicRed: guaranteed relief", description=rich_text("<p>ClinicRed cures arthritis.</p>"), image=product.image_id)
    data.update(nested_form_data({"verifications": inline_formset([])}))
    found = editor_client.post(scan, data).json()
    where = {finding["where"]: finding for finding in found["findings"]}
    assert where["Product name"]["phrases"][0]["label"] == "Forbidden: guarantee"
    assert where["Description"]["phrases"][0] == {"label": "Forbidden: cure", "words": "cures", "problem": True}
    product.refresh_from_db()
    assert product.name == name and "guaranteed" not in product.name
