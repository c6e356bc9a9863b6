"""A page of reviews is kept entry by entry in the shared cache, under everything an entry shows: a
second render of the product page renders no review, and a changed review (a reply, a helpful vote)
is rendered again on the next one. Counted with the anonymous page cache off."""

import pytest
from django.test.signals import template_rendered

URL = "/shop/clinicred/"
ITEM = "shop/includes/review_item.html"


@pytest.fixture
def no_page_cache(settings):
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if not m.endswith("AnonymousPageCacheMiddleware")]


def rendered_items(client, url=URL) -> tuple[int, str]:
    names = []

    def seen(sender, template, **kwargs):
        names.append(template.name)

    template_rendered.connect(seen)
    try:
        html = client.get(url).content.decode()
    finally:
        template_rendered.disconnect(seen)
    return names.count(ITEM), html


def test_a_second_render_renders_no_review_and_a_change_shows_at_once(client, clinicred, no_page_cache, django_capture_on_commit_callbacks):
    first_count, first = rendered_items(client)
    assert first_count == 10
    second_count, second = rendered_items(client)
    assert second_count == 0 and second == first

    review = clinicred.reviews.approved().newest_first().first()
    review.reply = "Thank you for telling us how it went."
    review.save(update_fields=["reply"])
    voter = client.__class__()
    voter.post(f"{URL}reviews/{review.pk}/helpful/", HTTP_ACCEPT="application/json", HTTP_SEC_FETCH_SITE="same-origin")
    third_count, third = rendered_items(client)
    assert third_count == 1
    entry = third[third.index(f'id="review-{review.pk}"'):]
    entry = entry[: entry.index("</li>")]
    assert "Thank you for telling us how it went." in entry and "<span data-helpful-count>1</span>" in entry


def test_a_second_visit_reads_the_product_its_reviews_and_delivery_without_a_query(
    client, clinicred, no_page_cache, django_user_model, django_capture_on_commit_callbacks
):
    """The product's row, the page of reviews and the cheapest shipping method are kept in the shared
    cache until the shop changes; a review approved since shows on the next visit."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from django.contrib.auth.models import Group

    from shop.catalogue.reviews import set_status
    from shop.models import Review

    client.get(URL)
    with CaptureQueriesContext(connection) as second:
        html = client.get(URL).content.decode()
    assert len(second) == 0, [q["sql"] for q in second.captured_queries]
    assert "with Standard shipping" in html

    review = Review.objects.create(
        product=clinicred, rating=4, title="Kept no longer", body="Easy to use every evening.", author_name="Sam",
        status=Review.Status.PENDING,
    )
    moderator = django_user_model.objects.create_user("moderator", "moderator@example.com", "pw")
    moderator.groups.add(Group.objects.get(name="Order managers"))
    with django_capture_on_commit_callbacks(execute=True):
        set_status([review.pk], Review.Status.APPROVED, user=moderator)
    assert "Kept no longer" in client.get(URL).content.decode()
