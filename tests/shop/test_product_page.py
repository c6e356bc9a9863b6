"""The product page's gallery, specifications, delivery estimate and sticky Add to cart, as served to a
shopper (the demo store: each product has its main picture and two gallery views)."""

from __future__ import annotations

import datetime as dt
import re
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError

from shop import delivery
from shop.models import Product, ProductImage, Stock

UTC = dt.UTC


def html(client, url="/shop/clinicred/"):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def clock(monkeypatch):
    """Sets the moment shop/delivery.py (and the page cache's key) takes as now."""

    def set_to(moment):
        monkeypatch.setattr(delivery, "timezone", SimpleNamespace(now=lambda: moment))

    return set_to


def test_the_gallery_shows_the_main_picture_and_a_thumbnail_link_to_each_full_size_picture(client, demo):
    page = html(client)
    slides = re.findall(r'<figure class="gallery-slide"[^>]*>.*?</figure>', page, re.S)
    assert len(slides) == 3
    opening = [slide.split(">", 1)[0] for slide in slides]
    assert [tag.endswith(" hidden") for tag in opening] == [False, True, True]
    assert 'fetchpriority="high"' in slides[0] and 'loading="lazy"' not in slides[0]
    assert all('loading="lazy"' in s for s in slides[1:])
    assert 'alt="ClinicRed™"' in slides[0] and 'alt="ClinicRed™: close-up of the front (demo drawing)"' in slides[1]
    thumbs = re.findall(r'<a class="gallery-thumb" href="([^"]+)" data-index="(\d)"( aria-current="true")?>.*?<span class="visually-hidden">([^<]+)</span></a>', page, re.S)
    assert [(index, bool(current)) for _, index, current, _ in thumbs] == [("0", True), ("1", False), ("2", False)]
    assert [name for *_, name in thumbs] == [
        "Image 1 of 3: ClinicRed™",
        "Image 2 of 3: ClinicRed™: close-up of the front (demo drawing)",
        "Image 3 of 3: ClinicRed™ on a dark background (demo drawing)",
    ]
    fulls = [href for href, *_ in thumbs]
    assert len(set(fulls)) == 3 and all(href.startswith("/media/") and href.endswith(".png") for href in fulls)
    assert re.search(rf'<a href="{re.escape(fulls[0])}" data-gallery-full>View full size', page)
    assert re.search(r'<script src="/static/js/product-gallery(\.\w+)?\.js" defer>', page)


def test_a_product_with_one_picture_has_no_thumbnails(client, demo, django_capture_on_commit_callbacks):
    product = Product.objects.get(slug="protective-glasses")
    with django_capture_on_commit_callbacks(execute=True):  # the stored gallery is made again on commit
        product.gallery_images.all().delete()
    page = html(client, "/shop/protective-glasses/")
    assert page.count('class="gallery-slide"') == 1 and "gallery-thumb" not in page and "View full size" in page


def test_gallery_pictures_need_alt_text_unless_decorative(demo):
    product = Product.objects.get(slug="clinicred")
    image = product.image
    with pytest.raises(ValidationError) as error:
        ProductImage(product=product, image=image, alt_text="  ").full_clean()
    assert "alt_text" in error.value.message_dict
    decorative = ProductImage(product=product, image=image, alt_text="", decorative=True)
    decorative.full_clean()
    assert decorative.alt == ""
    assert ProductImage(product=product, image=image, alt_text="Any text", decorative=True).alt == ""


def test_a_decorative_picture_gets_an_empty_alt_and_a_numbered_thumbnail(client, demo, django_capture_on_commit_callbacks):
    product = Product.objects.get(slug="clinicred")
    with django_capture_on_commit_callbacks(execute=True):  # the stored gallery is made again on commit
        for picture in ProductImage.objects.filter(product=product):
            picture.decorative = True
            picture.save()
    page = html(client)
    slides = re.findall(r'<figure class="gallery-slide".*?</figure>', page, re.S)
    assert 'alt=""' in slides[1] and "Image 2 of 3</span>" in page


def test_the_product_editor_has_a_gallery_panel(admin_client, demo):
    product = Product.objects.get(slug="clinicred")
    page = admin_client.get(f"/admin/snippets/shop/product/edit/{product.pk}/").content.decode()
    assert 'name="gallery_images-TOTAL_FORMS"' in page and 'value="2"' in page
    assert 'name="wavelengths"' in page and 'name="in_the_box"' in page


def test_specifications_show_only_the_filled_fields(client, demo):
    page = html(client)
    table = re.search(r'<section class="specs".*?</section>', page, re.S).group(0)
    rows = re.findall(r'<th scope="row">([^<]+)</th>', table)
    assert rows == ["Wavelengths", "Session timer", "Warranty", "In the box"]
    assert "Red 630–660 nm, near-infrared 820–850 nm" in table and "<td>2 years</td>" in table
    assert "<li>Door-hanging strap</li>" in table and "Weight" not in table
    glasses = html(client, "/shop/protective-glasses/")
    assert re.findall(r'<th scope="row">([^<]+)</th>', glasses) == ["Size and fit"]
    Product.objects.filter(slug="protective-glasses").update(fit="")
    from django.core.cache import cache

    cache.clear()
    assert "Specifications" not in html(client, "/shop/protective-glasses/")


def test_weight_and_warranty_read_as_words(demo):
    product = Product(weight_grams=1450, warranty_years=1, in_the_box="\n \n")
    assert product.specifications() == [("Weight", "1.45 kg"), ("Warranty", "1 year")]
    assert Product(weight_grams=85).specifications() == [("Weight", "85 g")]


def test_delivery_estimate_and_returns_sit_right_after_add_to_cart(client, demo, clock):
    clock(dt.datetime(2026, 12, 1, 15, 0, tzinfo=UTC))  # Tuesday, 10 am in New York
    page = html(client)
    after_form = page.split('class="add-to-cart"', 1)[1].split("</form>", 1)[1]
    notes = re.search(r'<ul class="delivery-notes".*?</ul>', after_form, re.S).group(0)
    assert after_form.lstrip().startswith('<ul class="delivery-notes"')
    assert "Order by 2 pm ET and it ships today; arrives Fri 4 – Tue 8 Dec with Standard shipping." in notes
    assert "30-day returns" in notes


def test_the_cached_page_never_says_today_after_the_cutoff(client, demo, clock):
    clock(dt.datetime(2026, 12, 1, 18, 30, tzinfo=UTC))  # 1:30 pm ET
    first = client.get("/shop/clinicred/")
    assert first["X-Cache"] == "MISS" and "it ships today" in first.content.decode()
    assert client.get("/shop/clinicred/")["X-Cache"] == "HIT"
    clock(dt.datetime(2026, 12, 1, 19, 0, tzinfo=UTC))  # 2:00 pm ET
    late = client.get("/shop/clinicred/")
    assert late["X-Cache"] == "MISS"
    assert "Order now and it ships tomorrow; arrives Mon 7 – Wed 9 Dec" in late.content.decode()
    assert client.get("/shop/clinicred/")["X-Cache"] == "HIT"


def test_an_out_of_stock_product_promises_no_dispatch_and_has_no_sticky_bar(client, demo):
    Stock.objects.filter(product__slug="protective-glasses").update(on_hand=0)
    page = html(client, "/shop/protective-glasses/")
    assert "it ships" not in page and "30-day returns" in page and "data-sticky-buy" not in page


def test_the_sticky_bar_is_hidden_without_javascript(client, demo):
    page = html(client)
    bar = re.search(r'<div class="sticky-buy" data-sticky-buy hidden>.*?</div>', page, re.S).group(0)
    assert "ClinicRed™" in bar and "$195.95" in bar and 'action="/cart/add/"' in bar
    assert re.search(r'<script src="/static/js/product(\.\w+)?\.js" defer>', page)


def test_specifications_refuse_a_health_claim_and_accept_the_demo_facts(demo):
    from shop.catalogue.models import ProductForm

    form = ProductForm.__new__(ProductForm)  # only the specification check, on cleaned values
    errors = {}
    form.add_error = lambda field, message: errors.setdefault(field, []).append(message)
    for product in Product.objects.all():
        facts = {name: getattr(product, name) for name in Product.SPEC_TEXT_FIELDS}
        form.check_specifications(facts)
    assert errors == {}
    form.check_specifications({**facts, "power_output": "Cures neuropathy in two weeks"})
    assert list(errors) == ["power_output"] and "reads as a health claim" in errors["power_output"][0]
