"""The site's URLs, plus the baseline every page is compared with and the demo's media."""

from django.conf import settings
from django.http import HttpResponse
from django.urls import path, re_path
from django.views.static import serve

from storefront.urls import urlpatterns as site


def minimal_10kb(request):
    """The baseline: a 10 KB page with no database work, under the same middleware."""
    return HttpResponse("<!doctype html><title>x</title>" + "x" * 10_200, content_type="text/html")


urlpatterns = [
    path("_bench/minimal/", minimal_10kb),
    re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    *site,
]
