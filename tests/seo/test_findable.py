"""Search engines and shoppers find the store: sitemap, robots, canonical URLs, JSON-LD, site search."""

import json
import re

from shop.models import Product, Review, Stock


def json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def test_sitemap_lists_pages_and_products_at_the_public_address(client, demo, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://shop.example.org"
    xml = client.get("/sitemap.xml", HTTP_HOST="localhost").content.decode()
    for path in ["/learn/red-light-therapy-for-peripheral-neuropathy/", "/learn/", "/shop/clinicred/", "/shop/clinicred-mobile/", "/shop/protective-glasses/"]:
        assert f"<loc>https://shop.example.org{path}</loc>" in xml
    assert "localhost" not in xml


def test_robots_txt(client, db, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://shop.example.org"
    response = client.get("/robots.txt", HTTP_HOST="localhost")
    text = response.content.decode()
    assert response["Content-Type"].startswith("text/plain")
    assert "Disallow: /admin/" in text and "Disallow: /checkout/" in text and "Disallow: /orders/" in text and "Sitemap: https://shop.example.org/sitemap.xml" in text


def test_product_json_ld_matches_the_database(client, demo, settings):
    Stock.objects.filter(product__slug="clinicred-mobile").update(on_hand=0)
    Review.objects.create(product=Product.objects.get(slug="clinicred-mobile"), rating=1, title="Pending one", body="x", author_name="T", status=Review.Status.PENDING)
    for slug in ["clinicred", "clinicred-mobile", "protective-glasses"]:
        product = Product.objects.get(slug=slug)
        html = client.get(f"/shop/{slug}/").content.decode()
        data = json_ld(html)
        approved = list(product.reviews.approved().values_list("rating", flat=True))
        assert data["@type"] == "Product" and data["name"] == product.name and data["sku"] == product.sku
        assert data["offers"]["price"] == f"{product.price_cents // 100}.{product.price_cents % 100:02d}"
        assert data["offers"]["priceCurrency"] == "USD"
        assert data["offers"]["availability"].endswith("OutOfStock" if slug == "clinicred-mobile" else "InStock")
        # every picture of the gallery, main image first, as the "View full size" links open them
        full_size = re.findall(r'data-full="([^"]+)"', html)
        assert len(full_size) == 1 + product.gallery_images.count() >= 2
        assert data["image"] == [settings.WAGTAILADMIN_BASE_URL + path for path in full_size]
        if approved:
            assert data["aggregateRating"]["reviewCount"] == len(approved)
            assert data["aggregateRating"]["ratingValue"] == round(sum(approved) / len(approved), 1)
            assert all(r["@type"] == "Review" for r in data["review"])
            assert "Pending one" not in json.dumps(data)
        else:
            assert "aggregateRating" not in data
        assert f'<link rel="canonical" href="{settings.WAGTAILADMIN_BASE_URL}/shop/{slug}/">' in html
        assert '<meta property="og:type" content="product">' in html and 'name="twitter:card"' in html


def test_article_json_ld_is_a_medical_web_page_with_its_citations(client, article):
    html = client.get(article.url).content.decode()
    data = json_ld(html)
    assert data["@type"] == "MedicalWebPage" and data["headline"] == article.title
    assert data["author"]["name"] == article.author and data["datePublished"] == article.date_published.isoformat()
    titles = [c["name"] for c in data["citation"]]
    assert titles == list(article.citations.values_list("title", flat=True))
    assert "<link rel=\"canonical\" href=\"http://localhost/learn/red-light-therapy-for-peripheral-neuropathy/\">" in html or 'rel="canonical"' in html


def test_canonical_og_and_json_ld_urls_use_the_public_base_url(client, demo, article, settings):
    """Behind a proxy the request says http://localhost; search engines must be given the shop's address."""
    settings.WAGTAILADMIN_BASE_URL = "https://shop.example.com"
    for path in ["/", article.url, "/shop/clinicred/"]:
        html = client.get(path, HTTP_HOST="localhost").content.decode()
        canonical = re.search(r'<link rel="canonical" href="([^"]+)">', html).group(1)
        assert canonical == f"https://shop.example.com{path}", path
        assert f'<meta property="og:url" content="{canonical}">' in html
        assert "http://localhost" not in html and "testserver" not in html, path
    for path in [article.url, "/shop/clinicred/"]:
        html = client.get(path, HTTP_HOST="localhost").content.decode()
        data = json_ld(html)
        assert data["url"] == f"https://shop.example.com{path}"
    html = client.get("/shop/clinicred/", HTTP_HOST="localhost").content.decode()
    assert re.search(r'<meta property="og:image" content="https://shop\.example\.com/media/images/[^"]+">', html)
    assert all(url.startswith("https://shop.example.com/media/") for url in json_ld(html)["image"])


def test_json_ld_text_cannot_close_the_script(client, demo, django_capture_on_commit_callbacks):
    product = Product.objects.get(slug="protective-glasses")
    with django_capture_on_commit_callbacks(execute=True):  # the product's review figures are kept on commit
        Review.objects.create(product=product, rating=5, title="</script><script>alert(1)</script>", body="x", author_name="T", status=Review.Status.APPROVED)
    html = client.get("/shop/protective-glasses/").content.decode()
    assert "</script><script>alert(1)" not in html
    assert json_ld(html)["review"][0]["name"] == "</script><script>alert(1)</script>"


def test_site_search_finds_articles_and_products(client, demo):
    from django.core.management import call_command

    call_command("update_index", stdout=open("/dev/null", "w"))
    page = client.get("/search/?q=neuropathy").content.decode()
    assert "Red Light therapy for peripheral neuropathy?" in page
    page = client.get("/search/?q=glasses").content.decode()
    assert "/shop/protective-glasses/" in page
    assert "Nothing matched" in client.get("/search/?q=zzzzqqq").content.decode()
    assert client.get("/search/?q=" + "x" * 5000).status_code == 200


def test_search_with_query_syntax_answers_on_sqlite_too(tmp_path):
    """`make run`'s SQLite search reads `"` and the like as FTS syntax and raised a 500; the view gives
    the backends the query's words only. PostgreSQL (the suite's database) never raised, so this runs
    the embedded default in a process of its own: one process, which migrates its database and asks
    (a second one only paid Django's start-up again). Running the 200-odd migrations on SQLite takes
    half a minute, so the migrated database is kept in var/ under the digest the PostgreSQL template is
    named after (tests/db_template.py: the project's code, the packages, the day) and a later run starts
    from a copy of it (its migrate then finds nothing to apply)."""
    import os
    import shutil
    import subprocess
    import sys

    from tests.db_template import ROOT, _digest

    kept = ROOT / "var" / "test-sqlite" / f"{_digest()[:16]}.sqlite3"
    db = tmp_path / "db.sqlite3"
    if kept.exists():
        shutil.copyfile(kept, db)
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db}", "DJANGO_SETTINGS_MODULE": "storefront.settings.test"}
    code = (
        "import django; django.setup()\n"
        "import os, shutil, sys\n"
        "from django.core.management import call_command\n"
        "from django.db import connection\n"
        "call_command('migrate', verbosity=0, interactive=False)\n"
        "if not os.path.exists(sys.argv[2]):\n"
        "    connection.close()\n"
        "    os.makedirs(os.path.dirname(sys.argv[2]), exist_ok=True)\n"
        "    for old in os.listdir(os.path.dirname(sys.argv[2])): os.remove(os.path.join(os.path.dirname(sys.argv[2]), old))\n"
        "    shutil.copyfile(sys.argv[1], sys.argv[2] + '.part'); os.replace(sys.argv[2] + '.part', sys.argv[2])\n"
        "from django.test import Client\n"
        "client = Client(raise_request_exception=False)\n"
        "print([client.get('/search/', {'q': q}).status_code for q in ['\"', 'red \"light', 'NEAR(', '*', 'light']])"
    )
    out = subprocess.run([sys.executable, "-c", code, str(db), str(kept)], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[200, 200, 200, 200, 200]", out.stderr


def test_favicon_ico_leads_to_the_sites_icon(client, db):
    """A browser asks for /favicon.ico where no page names an icon (an image opened on its own)."""
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("img/favicon.svg")
