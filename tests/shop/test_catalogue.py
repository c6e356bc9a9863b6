import pytest

from shop.models import Product, Review


def test_product_list_shows_prices_and_review_counts(client, demo):
    page = client.get("/shop/").content.decode()
    for name, price in [("ClinicRed™", "$195.95"), ("ClinicRed Mobile™", "$349.00"), ("Protective Glasses", "$40.00")]:
        assert name in page and price in page
    assert "21 reviews" in page and "5 reviews" in page
    assert page.index("ClinicRed™") < page.index("ClinicRed Mobile™") < page.index("Protective Glasses")


@pytest.mark.parametrize(
    "slug, price, reviews",
    [("clinicred", "$195.95", "21 reviews"), ("clinicred-mobile", "$349.00", "5 reviews"), ("protective-glasses", "$40.00", "No reviews yet")],
)
def test_product_page_shows_price_rating_and_count(client, demo, slug, price, reviews):
    response = client.get(f"/shop/{slug}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert price in page and reviews in page
    assert "For Fullbody Therapy" in page or slug != "clinicred"


def test_average_rating_counts_approved_reviews_only(client, demo):
    product = Product.objects.get(slug="clinicred-mobile")
    Review.objects.create(product=product, rating=1, title="Pending", body="Not yet moderated", author_name="Test", status=Review.Status.PENDING)
    ratings = list(product.reviews.approved().values_list("rating", flat=True))
    expected = round(sum(ratings) / len(ratings), 1)
    page = client.get("/shop/clinicred-mobile/").content.decode()
    assert f"{expected} out of 5 · 5 reviews" in page
    assert "Not yet moderated" not in page


def test_reviews_are_newest_first_and_marked_as_samples(client, demo):
    page = client.get("/shop/clinicred/").content.decode()
    titles = list(Product.objects.get(slug="clinicred").reviews.newest_first().values_list("title", flat=True))
    positions = [page.index(f">{title}<") for title in titles[:10]]
    assert positions == sorted(positions)
    assert page.count("Sample review (demo content)") == 10  # the first page of 21


def test_unknown_product_is_a_404_page(client, demo):
    response = client.get("/shop/no-such-product/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_draft_product_is_not_on_sale(client, demo):
    Product.objects.filter(slug="protective-glasses").update(live=False)
    assert client.get("/shop/protective-glasses/").status_code == 404
    assert "Protective Glasses" not in client.get("/shop/").content.decode()


def test_review_markup_is_shown_as_text(client, demo, django_capture_on_commit_callbacks):
    product = Product.objects.get(slug="protective-glasses")
    with django_capture_on_commit_callbacks(execute=True):  # the product's review figures are stored after commit
        Review.objects.create(product=product, rating=5, title="<b>bold</b>", body="<script>alert(1)</script>", author_name="Test", status=Review.Status.APPROVED)
    page = client.get("/shop/protective-glasses/").content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


# The review form's answers are shown where the shopper lands: the form's section.

REVIEW = {"rating": "4", "title": "Good glasses", "body": "Comfortable.", "author_name": "Shopper", "email": "shopper@example.com", "website": ""}


def test_an_invalid_review_lands_on_the_form_with_a_summary_linking_each_field(client, demo):
    page = client.get("/shop/protective-glasses/").content.decode()
    assert 'action="/shop/protective-glasses/reviews/#review-form"' in page and 'id="review-form"' in page
    response = client.post("/shop/protective-glasses/reviews/", {**REVIEW, "rating": "", "title": "", "email": "nope"})
    assert response.status_code == 400
    page = response.content.decode()
    section = page[page.index('id="review-form"'):]
    summary = section[section.index('class="error-summary"'): section.index("</ul>")]
    for anchor in ["#id_rating_0", "#id_title", "#id_email"]:
        assert f'href="{anchor}"' in summary
    assert "Please correct 3 things in your review" in summary


def test_a_sent_review_lands_on_the_form_section_with_the_thanks_there(client, demo):
    response = client.post("/shop/protective-glasses/reviews/", REVIEW)
    assert response.status_code == 302 and response["Location"] == "/shop/protective-glasses/#review-form"
    page = client.get(response["Location"]).content.decode()
    thanks = "Thank you! Your review will appear once a moderator has read it."
    assert page.count(thanks) == 1
    assert page.index('id="review-form"') < page.index(thanks)
