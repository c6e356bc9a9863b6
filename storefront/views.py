"""Site-wide pages: robots.txt, sitemap, search."""

from django.contrib.sitemaps import Sitemap
from django.http import HttpResponse
from django.shortcuts import render
from wagtail.contrib.sitemaps import Sitemap as PageSitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.models import Page

from shop.models import Product


class ProductSitemap(Sitemap):
    def items(self):
        return Product.objects.live().order_by("sort_order", "name")

    def lastmod(self, product):
        return product.last_published_at


def sitemap(request):
    return wagtail_sitemap(request, sitemaps={"pages": PageSitemap(request), "products": ProductSitemap()})


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /checkout/",
        "Disallow: /orders/",
        "Disallow: /search/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def search(request):
    query = (request.GET.get("q") or "").replace("\x00", "").strip()[:200]
    pages, products = [], []
    if query:
        pages = list(Page.objects.live().public().filter(depth__gt=2).specific().search(query)[:20])
        products = list(Product.objects.live().search(query)[:20])
    return render(request, "search.html", {"query": query, "pages": pages, "products": products})

