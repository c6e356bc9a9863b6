"""The product's stored review figures (catalogue/review_stats.py) follow every change a shopper would see
in the rating, the card and the histogram: approval, rejection, deletion, a photo added or removed, a
moderator's edit. They are recomputed after commit, from the committed rows."""

import pytest
from django.contrib.auth.models import Group
from django.db.models import Avg, Count
from django.urls import reverse

from shop.catalogue import review_photos, review_stats
from shop.catalogue.reviews import rating_histogram, set_status
from shop.models import Product, Review, ReviewPhoto

URL = "/shop/clinicred/"


@pytest.fixture
def manager(django_user_model, demo):
    user = django_user_model.objects.create_user("order-manager", "om@example.com", "pw")
    user.groups.add(Group.objects.get(name="Order managers"))
    return user


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run the after-commit recompute, as a committed request does."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def stats(product):
    return Product.objects.get(pk=product.pk).review_stats


def from_database(product) -> dict:
    """The figures counted the slow way, for comparison."""
    return review_stats.compute(product.pk)


def test_the_demo_products_figures_match_their_reviews(demo):
    for product in Product.objects.all():
        assert product.review_stats == from_database(product)
    clinicred = Product.objects.get(slug="clinicred")
    approved = clinicred.reviews.approved().aggregate(avg=Avg("rating"), n=Count("id"))
    summary = clinicred.rating_summary()
    assert summary.count == approved["n"] > 0
    assert summary.average == round(float(approved["avg"]), 1)


def test_approve_reject_and_delete_change_the_figures(client, clinicred, manager, commit):
    before = stats(clinicred)
    with commit():
        review = Review.objects.create(product=clinicred, rating=1, title="Broke", body="Stopped working.", author_name="A")
    assert stats(clinicred) == before  # waiting for moderation: not counted

    with commit():
        set_status([review.pk], Review.Status.APPROVED, user=manager)
    after = stats(clinicred)
    assert after["count"] == before["count"] + 1 and after["sum"] == before["sum"] + 1
    assert after["stars"]["1"][0] == before.get("stars", {}).get("1", [0, 0])[0] + 1
    assert after == from_database(clinicred)
    page = client.get(URL).content.decode()
    assert f"from {after['count']} reviews" in page

    with commit():
        set_status([review.pk], Review.Status.REJECTED, user=manager)
    assert stats(clinicred) == before

    with commit():
        set_status([review.pk], Review.Status.APPROVED, user=manager)
    client.force_login(manager)
    with commit():
        response = client.post(reverse("wagtailsnippets_shop_review:delete", args=(review.pk,)))
    assert response.status_code == 302 and not Review.objects.filter(pk=review.pk).exists()
    assert stats(clinicred) == before


def test_a_moderators_edit_of_rating_or_product_recomputes_both_products(clinicred, commit):
    other = Product.objects.get(slug="protective-glasses")
    with commit():
        review = Review.objects.create(product=clinicred, rating=2, title="Meh", body="Fine.", author_name="A",
                                       status=Review.Status.APPROVED)
    with commit():
        review.rating = 4
        review.save()
    assert stats(clinicred) == from_database(clinicred)
    with commit():
        review.product = other
        review.save()
    assert stats(clinicred) == from_database(clinicred) and stats(other) == from_database(other)
    assert stats(other)["stars"]["4"][0] >= 1


def test_a_photo_added_or_removed_changes_the_count_with_photos(clinicred, manager, commit, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with commit():
        review = Review.objects.create(product=clinicred, rating=5, title="Look", body="See.", author_name="A",
                                       status=Review.Status.APPROVED)
    with_photos = stats(clinicred)["stars"]["5"][1]
    photo = review_photos.EncodedPhoto(image=b"x", width=1, height=1, thumbnail=b"x", thumb_width=1, thumb_height=1)
    with commit():
        review_photos.attach_photos(review, [photo])
    assert stats(clinicred)["stars"]["5"][1] == with_photos + 1
    assert rating_histogram(Product.objects.get(pk=clinicred.pk))[0].with_photos == with_photos + 1
    with commit():
        review_photos.remove_photo(photo_id=ReviewPhoto.objects.get(review=review).pk, user=manager)
    assert stats(clinicred)["stars"]["5"][1] == with_photos


def test_the_histogram_and_the_card_read_the_figures_without_a_query(clinicred, django_assert_num_queries):
    product = Product.objects.live().for_cards().get(pk=clinicred.pk)
    with django_assert_num_queries(0):
        histogram = rating_histogram(product)
        summary = product.rating_summary()
    rows = dict(clinicred.reviews.approved().order_by().values_list("rating").annotate(n=Count("id")))
    assert [(row.stars, row.count) for row in histogram] == [(stars, rows.get(stars, 0)) for stars in range(5, 0, -1)]
    assert sum(row.percent for row in histogram) in (99, 100, 101)
    assert summary.count == sum(rows.values())


def test_reply_edits_leave_the_figures_alone(clinicred, django_capture_on_commit_callbacks):
    review = clinicred.reviews.approved().first()
    with django_capture_on_commit_callbacks() as callbacks:
        review.reply = "Thank you."
        review.save(update_fields=["reply"])
    assert not any(getattr(c, "__qualname__", "").startswith("store") for c in callbacks)
    assert stats(clinicred) == from_database(clinicred)


def test_the_card_on_shop_shows_the_stored_rating(client, clinicred, commit):
    with commit():
        Review.objects.create(product=clinicred, rating=1, title="No", body="No.", author_name="A", status=Review.Status.APPROVED)
    summary = Product.objects.get(pk=clinicred.pk).rating_summary()
    page = client.get("/shop/").content.decode()
    assert f"{summary.average} out of 5 · {summary.count} reviews" in page



def test_publishing_an_older_revision_does_not_bring_back_old_figures(clinicred, manager, commit):
    revision = clinicred.save_revision()  # serialized with the figures of now
    with commit():
        Review.objects.create(product=clinicred, rating=1, title="Late", body="Late.", author_name="A", status=Review.Status.APPROVED)
    counted = stats(clinicred)
    with commit():
        revision.publish()
    assert stats(clinicred) == counted == from_database(clinicred)
