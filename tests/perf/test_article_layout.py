"""An article's visit reads what was laid out when its content was published: the blocks rendered and
their citation markers linked, the contents, the reference list and the reading time are kept in the
cache per published content, and the page a path leads to is remembered (no query, not two per level).
Counted with the anonymous page cache off, as a cache miss, a query string or a logged-in editor sees it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.rich_text import RichText

from content.models import ArticlePage

ARTICLE = "/learn/red-light-therapy-for-peripheral-neuropathy/"


@pytest.fixture
def no_page_cache(settings):
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if not m.endswith("AnonymousPageCacheMiddleware")]


def _count_layouts(monkeypatch) -> list:
    calls = []
    original = ArticlePage._lay_out_body

    def counted(self, request=None):
        calls.append(self.pk)
        return original(self, request)

    monkeypatch.setattr(ArticlePage, "_lay_out_body", counted)
    return calls


def test_a_second_visit_lays_nothing_out_and_a_publish_shows_at_once(client, article, no_page_cache, monkeypatch):
    layouts = _count_layouts(monkeypatch)
    first = client.get(ARTICLE).content.decode()
    assert layouts == [article.pk]
    with CaptureQueriesContext(connection) as second_visit:
        second = client.get(ARTICLE).content.decode()
    assert layouts == [article.pk] and second == first
    assert not any("content_citation" in q["sql"] for q in second_visit.captured_queries)  # the reference list was kept

    article.body.append(("paragraph", RichText("<p>A sentence added by the editor today.</p>")))
    article.save_revision().publish()
    third = client.get(ARTICLE).content.decode()
    assert "A sentence added by the editor today." in third and len(layouts) == 2


def test_a_remembered_path_needs_no_query_and_follows_a_renamed_or_unpublished_page(client, article, no_page_cache):
    def page_queries(url):
        with CaptureQueriesContext(connection) as captured:
            status = client.get(url).status_code
        return status, sum('FROM "wagtailcore_page"' in q["sql"] or 'FROM "content_' in q["sql"] for q in captured.captured_queries)

    status, cold = page_queries(ARTICLE)
    status_again, warm = page_queries(ARTICLE)
    assert status == status_again == 200 and cold >= 2 and warm == 0

    article.slug = "red-light-and-neuropathy"
    article.save_revision().publish()
    assert client.get(ARTICLE).status_code == 404
    assert client.get("/learn/red-light-and-neuropathy/").status_code == 200

    article.refresh_from_db()
    article.unpublish()
    assert client.get("/learn/red-light-and-neuropathy/").status_code == 404


def test_the_home_page_lists_a_new_article_as_soon_as_it_is_published(client, demo, no_page_cache, django_capture_on_commit_callbacks):
    import datetime as dt

    from content.models import LearnIndexPage

    home = client.get("/").content.decode()
    with CaptureQueriesContext(connection) as warm:
        assert client.get("/").content.decode() == home
    assert len(warm.captured_queries) <= 5  # the article list and the product count were kept
    page = ArticlePage(title="Light and sleep", slug="light-and-sleep", intro="What the studies say.",
                       date_published=dt.date(2030, 1, 1), body=[("paragraph", RichText("<p>Sleep matters.</p>"))], live=False)
    LearnIndexPage.objects.get(slug="learn").add_child(instance=page)
    assert "Light and sleep" not in client.get("/").content.decode()  # a draft is not listed
    with django_capture_on_commit_callbacks(execute=True):  # the publish commits (the test's transaction never does)
        page.save_revision().publish()
    assert '<a href="/learn/light-and-sleep/">Light and sleep</a>' in client.get("/").content.decode()


def test_the_site_is_found_without_a_query_and_a_changed_site_is_seen_at_once(client, demo, no_page_cache, django_capture_on_commit_callbacks):
    from wagtail.models import Site

    client.get("/")
    with CaptureQueriesContext(connection) as warm:
        assert client.get("/").status_code == 200
    assert not any('FROM "wagtailcore_site"' in q["sql"] for q in warm.captured_queries)

    site = Site.objects.get(is_default_site=True)
    learn = site.root_page.get_children().get(slug="learn")
    with django_capture_on_commit_callbacks(execute=True):  # the site now starts at the Learn page
        Site.objects.filter(pk=site.pk).update(root_page=learn)
        Site.objects.get(pk=site.pk).save()
    assert "red-light-therapy-for-peripheral-neuropathy" in client.get("/").content.decode()  # the Learn index
    assert client.get("/red-light-therapy-for-peripheral-neuropathy/").status_code == 200


def test_a_site_without_view_restrictions_looks_none_up_and_a_new_one_is_enforced_at_once(client, article, no_page_cache, django_capture_on_commit_callbacks):
    from wagtail.models import PageViewRestriction

    client.get(ARTICLE)
    with CaptureQueriesContext(connection) as warm:
        assert client.get(ARTICLE).status_code == 200
    assert not any("wagtailcore_pageviewrestriction" in q["sql"] for q in warm.captured_queries)
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.PASSWORD, password="letmein")
    response = client.get(ARTICLE)
    assert response.status_code == 200 and "Red Light therapy for peripheral neuropathy" not in response.content.decode()
    assert 'name="password"' in response.content.decode()  # Wagtail's password form instead of the article


def test_a_second_visit_reads_the_product_cards_kept_and_a_new_price_shows_at_once(
    client, article, no_page_cache, django_capture_on_commit_callbacks
):
    """The assembled body (layout, claims pass and product cards) is one cache read; the cards show a
    product as it is now, because a product's change moves the shop's content generation."""
    product = next(block.value["products"][0] for block in article.body if block.block_type == "product_cards")
    client.get(ARTICLE)
    with CaptureQueriesContext(connection) as second_visit:
        assert client.get(ARTICLE).status_code == 200
    assert not any('FROM "shop_product"' in q["sql"] for q in second_visit.captured_queries)

    with django_capture_on_commit_callbacks(execute=True):
        product.price_cents = 12_345
        product.save()
    assert "$123.45" in client.get(ARTICLE).content.decode()
