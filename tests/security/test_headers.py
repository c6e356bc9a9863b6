"""Response headers, deploy checks and admin sign-in protection."""

import os
import re
import subprocess
import sys

import pytest

from tests.shop.conftest import make_order, standard  # noqa: F401  (fixtures)

STOREFRONT = ["/", "/learn/red-light-therapy-for-peripheral-neuropathy/", "/shop/", "/shop/clinicred/", "/cart/"]


@pytest.mark.parametrize("url", STOREFRONT)
def test_storefront_security_headers(client, demo, url):
    response = client.get(url)
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    directives = dict((part.strip().split(" ", 1) + [""])[:2] for part in csp.split(";"))
    assert "'unsafe-inline'" not in directives["script-src"] and "https://js.stripe.com" in directives["script-src"]
    assert directives["default-src"] == "'self'" and directives["frame-ancestors"] == "'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]


def test_hsts_and_secure_cookies_in_production_settings(client, demo, settings):
    settings.SECURE_HSTS_SECONDS = 63072000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    from shop.models import Product

    response = client.post("/cart/add/", {"product": Product.objects.get(slug="clinicred").pk, "quantity": "1"}, secure=True)
    assert response["Strict-Transport-Security"] == "max-age=63072000; includeSubDomains; preload"
    session = response.cookies[settings.SESSION_COOKIE_NAME]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"


def production_env(**extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("STRIPE_", "DJANGO_"))}
    env.update(DJANGO_SETTINGS_MODULE="storefront.settings.production", SECRET_KEY="k" * 10 + "-production-test-key-with-enough-entropy-0123456789", ALLOWED_HOSTS="shop.example")
    env.update(extra)
    return env


def test_production_settings_pass_the_deploy_check():
    out = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"], capture_output=True, text=True, env=production_env())
    assert out.returncode == 0, out.stdout + out.stderr
    assert "no issues (0 silenced)" in out.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_refuses_to_start_without(missing):
    env = production_env()
    env.pop(missing)
    out = subprocess.run([sys.executable, "manage.py", "check"], capture_output=True, text=True, env=env)
    assert out.returncode != 0 and f"{missing} must be set" in out.stderr


def test_third_wrong_password_locks_the_admin_sign_in(client, django_user_model, db):
    django_user_model.objects.create_superuser("boss", "boss@example.com", "the-right-password-123")
    for _ in range(3):
        response = client.post("/admin/login/", {"username": "boss", "password": "wrong"})
        assert response.status_code in (200, 429)
    response = client.post("/admin/login/", {"username": "boss", "password": "the-right-password-123"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_order_page_is_private(client, make_order):
    order = make_order()
    response = client.get(order.get_absolute_url())
    assert response["Cache-Control"].startswith("no-store")
    assert response["Referrer-Policy"] == "same-origin"
    assert "js.stripe.com" not in response.content.decode()
    assert len(order.token) >= 43  # secrets.token_urlsafe(32): 256 random bits


def test_svg_and_oversized_image_uploads_are_refused(client, django_user_model, db, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from wagtail.images import get_image_model

    client.force_login(django_user_model.objects.create_superuser("img-admin", "i@example.com", "pw"))
    svg = SimpleUploadedFile("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', content_type="image/svg+xml")
    response = client.post("/admin/images/add/", {"title": "Logo", "file": svg, "collection": 1})
    assert response.status_code == 200 and "Not a supported image format" in response.content.decode()
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1000
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (400, 400), (200, 10, 10)).save(buffer, format="PNG")
    big = SimpleUploadedFile("big.png", buffer.getvalue() * 3, content_type="image/png")
    response = client.post("/admin/images/add/", {"title": "Big", "file": big, "collection": 1})
    assert response.status_code == 200 and re.search(r"too (large|big)", response.content.decode())
    assert not get_image_model().objects.filter(title__in=["Logo", "Big"]).exists()
