from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from content.models import Citation
from shop.models import Product, Review, Stock


def snapshot():
    return {
        "pages": sorted(Page.objects.values_list("url_path", flat=True)),
        "products": sorted(Product.objects.values_list("slug", "sku", "price_cents")),
        "stock": sorted(Stock.objects.values_list("product__slug", "on_hand")),
        "reviews": Review.objects.count(),
        "citations": Citation.objects.count(),
        "images": get_image_model().objects.count(),
        "revisions": Revision.objects.count(),
    }


def test_loader_run_twice_leaves_the_same_content(db):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    first = snapshot()
    call_command("load_demo", stdout=open("/dev/null", "w"))
    assert snapshot() == first
    assert first["products"] == [
        ("clinicred", "CR-PANEL-01", 19595),
        ("clinicred-mobile", "CR-MOBILE-01", 34900),
        ("protective-glasses", "CR-GLASSES-01", 4000),
    ]
    assert first["citations"] == 6
    assert "/home/learn/red-light-therapy-for-peripheral-neuropathy/" in first["pages"]


def test_loader_keeps_an_editors_changes(demo):
    product = Product.objects.get(slug="clinicred")
    product.price_cents = 18900
    product.save()
    call_command("load_demo", stdout=open("/dev/null", "w"))
    assert Product.objects.get(slug="clinicred").price_cents == 18900


def test_admin_password_is_random_and_printed_once(db, capsys):
    call_command("load_demo", "--with-admin")
    first = capsys.readouterr().out
    call_command("load_demo", "--with-admin")
    second = capsys.readouterr().out
    assert "password:" in first
    password = first.split("password:")[1].split()[0]
    assert len(password) >= 12
    assert password not in second
    from django.contrib.auth import get_user_model

    assert get_user_model().objects.get(username="admin").check_password(password)


def test_sample_reviews_match_the_source(demo):
    assert Review.objects.filter(product__slug="clinicred", is_sample=True).count() == 21
    assert Review.objects.filter(product__slug="clinicred-mobile", is_sample=True).count() == 5
    assert not Review.objects.filter(product__slug="protective-glasses").exists()


def test_products_have_generated_images(demo):
    for product in Product.objects.all():
        assert product.image is not None
        assert product.image.width == 1200 and product.image.height == 900
