"""Shoppers' photos with their reviews: checked, re-encoded, stored, and shown once the review is approved.

A review may carry up to MAX_PHOTOS photos of at most MAX_BYTES each, in JPEG, PNG or WebP (the format
Pillow reads in the file, never its name or the browser's word). Each is decoded with a pixel limit
(a decompression bomb is refused, not decoded), turned upright from its EXIF orientation, scaled to at
most MAX_SIDE px and saved again as a new JPEG: nothing of the original file survives (no EXIF, no
GPS position, no camera serial, no trailing bytes). A thumbnail is made at the same time. The files get
random names under review-photos/ and are served by `shop:review_photo`, which answers only for a photo
whose review is approved (or to a moderator), so a waiting or rejected review's photo is never public.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_PHOTOS = 3
MAX_BYTES = 8 * 1024 * 1024
MAX_SIDE = 1600
THUMB_SIDE = 240
MAX_PIXELS = 50_000_000  # a 50-megapixel photo decodes to 150 MB; more is refused before decoding
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP"}
ACCEPT_ATTRIBUTE = "image/jpeg,image/png,image/webp"
# The whole multipart request a review with photos may be: the photos, the text, and some room.
MAX_REQUEST_BYTES = MAX_PHOTOS * MAX_BYTES + 256 * 1024
JPEG_QUALITY = 85


class PhotoRejected(ValueError):
    """The file cannot be a review photo; the message is shown to the shopper under the field."""


@dataclass(frozen=True)
class EncodedPhoto:
    """A photo as it will be stored: new JPEG bytes, with no metadata, and its thumbnail."""

    image: bytes
    width: int
    height: int
    thumbnail: bytes
    thumb_width: int
    thumb_height: int


def _size_mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def check_count(files: list) -> None:
    if len(files) > MAX_PHOTOS:
        raise PhotoRejected(f"You can add up to {MAX_PHOTOS} photos; you chose {len(files)}.")


def reencode(upload, *, name: str = "") -> EncodedPhoto:
    """Decode `upload` (a file object) and encode it again as a clean JPEG and thumbnail; PhotoRejected
    for a file too large, not a JPEG/PNG/WebP image, damaged, or too many pixels."""
    label = f"“{name}”" if name else "The photo"
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_BYTES:
        raise PhotoRejected(f"{label} is {_size_mb(size)}; a photo can be at most {MAX_BYTES // (1024 * 1024)} MB.")
    not_an_image = PhotoRejected(f"{label} is not a photo we can read. Please choose a JPEG, PNG or WebP image.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(upload)
            if image.format not in ACCEPTED_FORMATS:
                raise not_an_image
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise PhotoRejected(f"{label} has too many pixels ({width} × {height}). Please send a smaller photo.")
            if image.format == "JPEG":
                image.draft("RGB", (MAX_SIDE, MAX_SIDE))  # decode at a reduced scale: faster, less memory
            image.load()
            image = ImageOps.exif_transpose(image)
            image = _flatten(image)
    except PhotoRejected:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise PhotoRejected(f"{label} has too many pixels. Please send a smaller photo.") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError, TypeError):
        raise not_an_image from None
    image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    thumb = image.copy()
    thumb.thumbnail((THUMB_SIDE, THUMB_SIDE), Image.Resampling.LANCZOS)
    return EncodedPhoto(
        image=_jpeg(image), width=image.width, height=image.height,
        thumbnail=_jpeg(thumb), thumb_width=thumb.width, thumb_height=thumb.height,
    )


def _flatten(image: Image.Image) -> Image.Image:
    """RGB, with any transparency laid on white (JPEG has no alpha)."""
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        image = image.convert("RGBA")
        background = Image.new("RGB", image.size, (255, 255, 255))
        background.paste(image, mask=image.getchannel("A"))
        return background
    return image.convert("RGB")


def _jpeg(image: Image.Image) -> bytes:
    out = io.BytesIO()
    # No exif=, icc_profile= or comment: the new file carries the pixels only.
    image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return out.getvalue()


def prepare_uploads(files: list) -> list[EncodedPhoto]:
    """Check the chosen files (how many, each one) and re-encode them; PhotoRejected names the first
    problem."""
    check_count(files)
    return [reencode(upload, name=getattr(upload, "name", "")) for upload in files]


def attach_photos(review, photos: list[EncodedPhoto]) -> list:
    """Store the re-encoded photos with `review` (call inside the review's transaction)."""
    from .models import ReviewPhoto

    stored = []
    for photo in photos[:MAX_PHOTOS]:
        row = ReviewPhoto(
            review=review, width=photo.width, height=photo.height,
            thumb_width=photo.thumb_width, thumb_height=photo.thumb_height,
        )
        row.image.save("photo.jpg", ContentFile(photo.image), save=False)
        row.thumbnail.save("thumb.jpg", ContentFile(photo.thumbnail), save=False)
        row.save()
        stored.append(row)
    return stored


def visible_photo(name: str, *, user=None):
    """The stored photo (or thumbnail) file called `name`, if a visitor may see it: its review is
    approved, or `user` moderates reviews. None otherwise."""
    from .models import Review, ReviewPhoto

    path = f"review-photos/{name}"
    photo = (ReviewPhoto.objects.select_related("review").filter(image=path).first()
             or ReviewPhoto.objects.select_related("review").filter(thumbnail=path).first())
    if photo is None:
        return None
    if photo.review.status == Review.Status.APPROVED:
        return photo
    if user is not None and user.has_perm("shop.change_review"):
        return photo
    return None


def remove_photo(*, photo_id: int, user) -> None:
    """A moderator takes one photo off a review (the review stays): the row and (after commit) both files
    are deleted and the change is written to the review's audit log with who made it."""
    from django.core.exceptions import PermissionDenied
    from django.db import transaction
    from wagtail.log_actions import log

    from .models import ReviewPhoto

    if user is None or not user.has_perm("shop.change_review"):
        raise PermissionDenied("Removing a review photo needs the permission to change reviews.")
    with transaction.atomic():
        photo = ReviewPhoto.objects.select_for_update().select_related("review").get(pk=photo_id)
        photo.delete()  # its files go once this commits (shop/signals.py)
        log(photo.review, "shop.review.photo_removed", user=user, data={"photo": photo_id})
