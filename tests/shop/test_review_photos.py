"""Photos with reviews: re-encoded on upload (no EXIF or GPS, upright, at most 1600 px), refused with a
clear message when too big, too many or not an image (never a 500), and public only once the review
is approved; moderators see them in the queue; "With photos" lists only the reviews that have some."""

import io
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from shop.catalogue import review_photos
from shop.catalogue.reviews import review_link, set_status
from shop.models import Order, Review, ReviewPhoto

URL = "/shop/clinicred/"
POST_URL = "/shop/clinicred/reviews/"
GPS_LATITUDE = 2  # EXIF GPS tag
ORIENTATION = 0x0112


@pytest.fixture(autouse=True)
def media(settings):
    """The photos this test stores are removed after it (the product images share MEDIA_ROOT, and so do
    the other test processes: only the files of the photos saved here are removed, never a file another
    process's test is still reading)."""
    from django.db.models.signals import post_save

    folder = Path(settings.MEDIA_ROOT) / "review-photos"
    stored = []

    def saved(sender, instance, **kwargs):
        stored.extend(Path(settings.MEDIA_ROOT) / field.name for field in (instance.image, instance.thumbnail) if field.name)

    post_save.connect(saved, sender=ReviewPhoto, weak=False, dispatch_uid="test-review-photo-files")
    try:
        yield folder
    finally:
        post_save.disconnect(sender=ReviewPhoto, dispatch_uid="test-review-photo-files")
        for path in stored:
            path.unlink(missing_ok=True)


@pytest.fixture
def manager(client, django_user_model, demo):
    user = django_user_model.objects.create_user("order-manager", "om@example.com", "pw")
    user.groups.add(Group.objects.get(name="Order managers"))
    return user


def phone_photo(width=2400, height=1200, orientation=6) -> bytes:
    """A JPEG as a phone writes it: EXIF with a GPS position, a camera and an orientation (6: the
    pixels are stored turned; shown upright they are `height` wide and `width` high)."""
    image = Image.new("RGB", (width, height), (200, 30, 30))
    image.paste((20, 20, 200), (0, 0, width // 4, height))  # a blue band on the stored left edge
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "Phone 15"  # Model
    exif.get_ifd(0x8825)[GPS_LATITUDE] = (41.0, 52.0, 30.0)
    exif.get_ifd(0x8825)[1] = "N"
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, quality=90)
    return out.getvalue()


def png(width=40, height=30) -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", (width, height), (10, 120, 10, 128)).save(out, "PNG")
    return out.getvalue()


def upload(content: bytes, name="photo.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def review_data(title="With a photo", **extra):
    return {"rating": "5", "title": title, "body": "Sturdy stand.", "author_name": "Shopper", "email": "shopper@example.com", **extra}


def post_review(client, photos, title="With a photo"):
    return client.post(POST_URL, {**review_data(title), "photos": photos})


def test_a_phone_photo_is_stored_upright_small_and_without_exif_or_gps(client, clinicred):
    original = phone_photo()
    assert b"PhoneMaker" in original and Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)

    response = post_review(client, [upload(original, "IMG_0001.JPG")])
    assert response.status_code == 302
    review = Review.objects.get(title="With a photo")
    assert review.status == Review.Status.PENDING
    photo = review.photos.get()
    stored = photo.image.read()
    image = Image.open(io.BytesIO(stored))
    assert image.format == "JPEG"
    assert (image.width, image.height) == (photo.width, photo.height) == (800, 1600)  # turned upright, 1600 px at most
    assert image.getpixel((400, 50))[2] > 150  # the blue band, stored on the left, is now on top
    assert not image.getexif() and b"Exif" not in stored and b"PhoneMaker" not in stored and b"Phone 15" not in stored
    assert re.fullmatch(r"review-photos/[A-Za-z0-9_-]{20,}\.jpg", photo.image.name)  # a random name, not IMG_0001
    thumb = Image.open(photo.thumbnail)
    assert max(thumb.size) == 240 and not thumb.getexif()


def test_a_transparent_png_is_accepted_as_a_jpeg(client, clinicred):
    assert post_review(client, [upload(png(), "shot.png", "image/png")]).status_code == 302
    photo = Review.objects.get(title="With a photo").photos.get()
    assert Image.open(photo.image).format == "JPEG" and (photo.width, photo.height) == (40, 30)


def refusal(response) -> str:
    assert response.status_code == 400
    page = response.content.decode()
    summary = page[page.index('class="error-summary"'): page.index("</div>", page.index('class="error-summary"'))]
    assert 'href="#id_photos"' in summary  # the summary leads to the field
    return summary


def test_a_photo_over_8_mb_is_refused_with_a_message(client, clinicred):
    big = upload(b"\xff\xd8" + b"0" * (8 * 1024 * 1024), "huge.jpg")
    summary = refusal(post_review(client, [big]))
    assert "“huge.jpg” is 8.0 MB; a photo can be at most 8 MB." in summary
    assert not Review.objects.filter(title="With a photo").exists() and not ReviewPhoto.objects.exists()


def test_more_than_three_photos_are_refused(client, clinicred):
    summary = refusal(post_review(client, [upload(png(), f"p{n}.png", "image/png") for n in range(4)]))
    assert "You can add up to 3 photos; you chose 4." in summary
    assert not Review.objects.filter(title="With a photo").exists()


def gif() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (10, 10)).save(out, "GIF")
    return out.getvalue()


@pytest.mark.parametrize("content, name", [
    (b"%PDF-1.4 not a photo at all", "invoice.jpg"),
    (gif(), "moving.gif"),  # an image, but not one of the three formats
    (phone_photo()[:600], "cut-short.jpg"),
])
def test_a_file_that_is_not_a_readable_photo_is_refused(client, clinicred, content, name):
    summary = refusal(post_review(client, [upload(content, name)]))
    assert f"“{name}” is not a photo we can read. Please choose a JPEG, PNG or WebP image." in summary
    assert not Review.objects.filter(title="With a photo").exists() and not ReviewPhoto.objects.exists()


def test_a_decompression_bomb_is_refused_before_it_is_decoded(client, clinicred):
    out = io.BytesIO()
    Image.new("1", (12_000, 6_000)).save(out, "PNG")  # 72 megapixels in a few kilobytes
    assert len(out.getvalue()) < 100_000
    summary = refusal(post_review(client, [upload(out.getvalue(), "bomb.png", "image/png")]))
    assert "“bomb.png” has too many pixels (12000 × 6000)" in summary


def test_a_request_too_large_for_three_photos_is_refused_unread(client, clinicred):
    response = client.post(POST_URL, review_data(), CONTENT_LENGTH=str(review_photos.MAX_REQUEST_BYTES + 1))
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "the photos are too large together" in page


def test_photos_are_hidden_until_the_review_is_approved(client, clinicred, manager, django_capture_on_commit_callbacks):
    post_review(client, [upload(png(), "shot.png", "image/png")])
    review = Review.objects.get(title="With a photo")
    photo = review.photos.get()
    visitor = client.__class__()

    assert photo.thumbnail_url not in visitor.get(URL).content.decode()
    assert visitor.get(photo.url).status_code == 404 and visitor.get(photo.thumbnail_url).status_code == 404

    staff = client.__class__()
    staff.force_login(manager)
    queue = staff.get("/admin/reviews/").content.decode()
    assert photo.thumbnail_url in queue and photo.url in queue  # moderated with the review
    pending = staff.get(photo.url)
    assert pending.status_code == 200 and "private" in pending["Cache-Control"]

    with django_capture_on_commit_callbacks(execute=True):  # the approval marks cached pages stale
        set_status([review.pk], Review.Status.APPROVED, user=manager)
    page = visitor.get(URL).content.decode()
    block = page[page.index(f'id="review-{review.pk}"'):]
    block = block[: block.index("</li>")]
    assert f'src="{photo.thumbnail_url}" width="40" height="30"' in block and f'href="{photo.url}"' in block
    shown = visitor.get(photo.url)
    assert shown.status_code == 200 and shown["Content-Type"] == "image/jpeg"
    assert b"".join(shown.streaming_content) == photo.image.open("rb").read()

    set_status([review.pk], Review.Status.REJECTED, user=manager)
    assert visitor.get(photo.url).status_code == 404


def test_with_photos_lists_only_reviews_with_photos_and_the_summary_counts_them(client, clinicred, manager,
                                                                                 django_capture_on_commit_callbacks):
    post_review(client, [upload(png(), "shot.png", "image/png")])
    review = Review.objects.get(title="With a photo")
    with django_capture_on_commit_callbacks(execute=True):
        set_status([review.pk], Review.Status.APPROVED, user=manager)

    page = client.get(URL).content.decode()
    assert 'href="?sort=photos#reviews">1 review with photos</a>' in page
    assert "out of 5 from 22 reviews: every approved review is counted, critical ones included." in page
    photos_only = client.get(URL, {"sort": "photos"}).content.decode()
    assert re.findall(r'<h3 class="review-title">([^<]*)</h3>', photos_only) == ["With a photo"]
    assert "Showing 1 review with photos of 22." in photos_only
    assert 'aria-current="true">With photos' in photos_only
    assert "out of 5 from 22 reviews" in photos_only  # the figures never narrow
    assert "No 3-star reviews yet." in client.get(URL, {"sort": "photos", "rating": "3"}).content.decode()


def test_a_verified_buyer_adds_photos_on_the_order_line_review_page(client, make_order):
    order = make_order()
    Order.objects.filter(pk=order.pk).update(paid_at=order.created_at, payment_status=Order.PaymentStatus.PAID)
    order.refresh_from_db()
    link = review_link(order.lines.get())
    form = client.get(link).content.decode()
    assert 'enctype="multipart/form-data"' in form and 'accept="image/jpeg,image/png,image/webp"' in form

    response = client.post(link, {"rating": "4", "title": "From my order", "body": "Good.", "author_name": "Buyer",
                                  "photos": [upload(png(), "a.png", "image/png"), upload(phone_photo(), "b.jpg")]})
    assert response.status_code == 302
    review = Review.objects.get(title="From my order")
    assert review.order_line == order.lines.get() and review.photos.count() == 2


def test_the_product_page_form_takes_photos_without_javascript(client, clinicred):
    page = client.get(URL).content.decode()
    assert re.search(r'<form method="post" action="/shop/clinicred/reviews/#review-form" enctype="multipart/form-data"', page)
    assert re.search(r'<input type="file" name="photos"[^>]*multiple', page)
    assert 'id="id_photos_hint"' in page


def test_a_moderator_removes_one_photo_and_the_review_stays(client, clinicred, manager, media, django_capture_on_commit_callbacks):
    from wagtail.models import ModelLogEntry

    post_review(client, [upload(png(), "a.png", "image/png"), upload(png(), "b.png", "image/png")])
    review = Review.objects.get(title="With a photo")
    set_status([review.pk], Review.Status.APPROVED, user=manager)
    kept, removed = review.photos.order_by("id")
    staff = client.__class__()
    staff.force_login(manager)
    queue = staff.get("/admin/reviews/").content.decode()
    photos_page = f"/admin/reviews/{review.pk}/photos/"
    assert f'href="{photos_page}"' in queue

    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(photos_page, {"remove": str(removed.pk)})
    assert response.status_code == 302
    assert list(review.photos.all()) == [kept]
    assert not (media / removed.image.name.rsplit("/", 1)[-1]).exists() and (media / kept.image.name.rsplit("/", 1)[-1]).exists()
    assert client.__class__().get(removed.url).status_code == 404
    page = client.__class__().get(URL).content.decode()
    assert kept.thumbnail_url in page and removed.thumbnail_url not in page
    entry = ModelLogEntry.objects.get(action="shop.review.photo_removed", object_id=str(review.pk))
    assert entry.user == manager

    shopper = client.__class__()
    assert shopper.post(photos_page, {"remove": str(kept.pk)}).status_code == 302  # to the sign-in page
    assert review.photos.count() == 1


def test_deleting_a_review_deletes_its_photo_files(client, clinicred, media, django_capture_on_commit_callbacks):
    post_review(client, [upload(png(), "a.png", "image/png")], title="Deleted with its photo")
    review = Review.objects.get(title="Deleted with its photo")
    photo = review.photos.get()
    files = [media / photo.image.name.rsplit("/", 1)[-1], media / photo.thumbnail.name.rsplit("/", 1)[-1]]
    assert all(path.exists() for path in files)
    with django_capture_on_commit_callbacks(execute=True):
        review.delete()
    assert not any(path.exists() for path in files)
