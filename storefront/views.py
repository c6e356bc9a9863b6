"""Site-wide pages: robots.txt, sitemap, search."""

import re
from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.chooser import ChosenMultipleView
from wagtail.contrib.sitemaps import Sitemap as PageSitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.models import Page

from shop.models import Product
from shop.public_urls import public_url


class PublicPageSitemap(PageSitemap):
    """Wagtail's page sitemap at the public address (shop/public_urls.py), not at the Site record's
    root URL, which says `http://localhost/` on a fresh install."""

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        for url in urls:
            url["location"] = public_url(urlsplit(url["location"]).path)
        return urls


class ProductSitemap(Sitemap):
    """Product pages at the public address, not at the request's host."""

    def get_protocol(self, protocol=None):
        return urlsplit(public_url("/")).scheme

    def get_domain(self, site=None):
        return urlsplit(public_url("/")).netloc

    def items(self):
        return Product.objects.live().order_by("sort_order", "name")

    def lastmod(self, product):
        return product.last_published_at


def sitemap(request):
    return wagtail_sitemap(request, sitemaps={"pages": PublicPageSitemap(request), "products": ProductSitemap()})


def favicon(request):
    """Browsers ask for /favicon.ico wherever no page names an icon (an image opened on its own, a
    feed): the site's icon, not a 404."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /checkout/",
        "Disallow: /orders/",
        "Disallow: /search/",
        f"Sitemap: {public_url('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def search(request):
    query = (request.GET.get("q") or "").replace("\x00", "").strip()[:200]
    # The search backends read quotes, dashes and the like as query syntax (SQLite's FTS refuses a lone
    # `"` with an error): they are given the query's words only.
    words = " ".join(re.findall(r"\w+", query))
    pages, products = [], []
    if words:
        pages = list(Page.objects.live().public().filter(depth__gt=2).specific().search(words)[:20])
        products = list(Product.objects.live().search(words)[:20])
    return render(request, "search.html", {"query": query, "pages": pages, "products": products})



class ChosenPagesView(ChosenMultipleView):
    """Wagtail 8.0's "pages chosen" step of the page chooser, minus its 500s on ids no chooser sends: the
    root page (it has no parent, which the view reads) and ids that are not numbers."""

    def get(self, request):
        ids = [pk for pk in request.GET.getlist("id") if pk.isdigit()]
        roots = {str(pk) for pk in Page.objects.filter(depth=1, pk__in=ids).values_list("pk", flat=True)}
        request.GET = request.GET.copy()
        request.GET.setlist("id", [pk for pk in ids if pk not in roots])
        return super().get(request)


chosen_pages = never_cache(require_admin_access(ChosenPagesView.as_view()))
