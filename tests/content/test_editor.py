import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from content.models import ArticlePage, LearnIndexPage


@pytest.fixture
def editor_client(client, django_user_model, demo):
    user = django_user_model.objects.create_superuser("editor-test", "editor@example.com", "pw-for-tests")
    client.force_login(user)
    return client


def article_form(paragraph_html, citations):
    return nested_form_data(
        {
            "title": "Light and sleep",
            "slug": "light-and-sleep",
            "intro": "What the studies say.",
            "author": "ClinicRed editorial team",
            "health_content": "on",
            "body": streamfield(
                [
                    ("heading", {"text": "The evidence", "level": "h2"}),
                    ("paragraph", rich_text(paragraph_html)),
                ]
            ),
            "citations": inline_formset(citations),
            "verifications": inline_formset([]),
            "action-publish": "publish",
        }
    )


ONE_CITATION = [
    {
        "authors": "Mayo Clinic Staff",
        "title": "Insomnia",
        "publisher": "Mayo Clinic",
        "published": "2024",
        "kind": "web_page",
        "url": "",
        "doi": "",
        "study_type": "",
    }
]


def add_url():
    learn = LearnIndexPage.objects.get(slug="learn")
    return reverse("wagtailadmin_pages:add", args=("content", "articlepage", learn.pk))


def test_marker_naming_a_missing_reference_is_refused(editor_client):
    response = editor_client.post(add_url(), article_form("<p>Sleep matters [7].</p>", ONE_CITATION))
    assert response.status_code == 200
    assert "Citation marker [7] names no reference" in response.content.decode()
    assert not ArticlePage.objects.filter(slug="light-and-sleep").exists()


def test_article_with_valid_markers_is_published(editor_client):
    response = editor_client.post(add_url(), article_form("<p>Sleep matters [1].</p>", ONE_CITATION))
    assert response.status_code == 302
    page = ArticlePage.objects.get(slug="light-and-sleep")
    assert page.live
    rendered = editor_client.get(page.url).content.decode()
    assert 'href="#ref-1"' in rendered and 'id="ref-1"' in rendered


def test_each_reference_shows_its_labelled_fields_and_a_missing_one_is_named(editor_client):
    """The reference list's entries (drawn without a FieldPanel template each) keep Wagtail's field markup:
    labels for each input, the values, help text, the required marks, and a field's error after a post."""
    import html

    from content.models import Citation

    response = editor_client.post(add_url(), article_form("<p>Sleep matters [1].</p>", [{**ONE_CITATION[0], "authors": ""}]))
    assert response.status_code == 200
    page = response.content.decode()
    assert '<label class="w-field__label" for="id_citations-0-authors" id="id_citations-0-authors-label">Authors' in page
    errors = page.split('id="id_citations-0-authors"')[0].rsplit("data-field-errors", 1)[1]
    assert "This field is required." in errors
    assert 'name="citations-0-title" value="Insomnia"' in page and 'aria-invalid="true"' in page
    assert html.escape(str(Citation._meta.get_field("published").help_text)) in page
    assert '<select name="citations-0-kind"' in page and 'name="citations-__prefix__-authors"' in page
    # each entry sits in Wagtail's own entry furniture (drawn once, given the entry's prefix)
    entry = page.split('id="inline_child_citations-0"')[1].split('id="id_citations-0-authors"')[0]
    assert 'id="id_citations-0-DELETE-button"' in entry and "data-inline-panel-child-move-up" in entry
    assert 'id="inline_child_citations-0-panel-heading"' in entry and "__prefix__" not in entry
    assert page.count('id="inline_child_citations-__prefix__"') == 1  # the empty entry's template, for "Add"


def test_the_block_definitions_are_packed_once_and_every_edit_view_carries_them(editor_client, monkeypatch):
    """The body's block definitions (what the editor's script draws each block's form from) depend only on
    the code: packed on the first edit view of the process, read by the next (content.panels.BlockWidget)."""
    from wagtail.blocks.base import BlockWidget

    from content import panels

    packed = []
    original = BlockWidget._build_block_json
    monkeypatch.setattr(BlockWidget, "_build_block_json", lambda self: packed.append(1) or original(self))
    monkeypatch.setattr(panels.BlockWidget, "_packed", {})
    article = ArticlePage.objects.get(slug="red-light-therapy-for-peripheral-neuropathy")
    url = reverse("wagtailadmin_pages:edit", args=(article.pk,))
    pages = [editor_client.get(url).content.decode() for _ in range(2)]
    assert len(packed) == 1
    for page in pages:
        definitions = page.split('<div id="body" data-block')[1].split("data-w-block-arguments-value")[0]
        assert "Rich text with citation markers" in definitions and "Shop Products" not in definitions
        assert "Shop Products" in page.split('<div id="body" data-block')[1]  # the article's own blocks
