"""Text responses (pages, JSON, feeds) gzipped for browsers that ask; pictures are not: they are already
compressed, and gzip would only spend CPU on them (review photos and, in dev and the bench, media)."""

from django.middleware.gzip import GZipMiddleware


class TextGZipMiddleware(GZipMiddleware):
    """Django's GZipMiddleware (with its BREACH padding, "Heal the Breach"), for text content types only."""

    def process_response(self, request, response):
        content_type = response.get("Content-Type", "")
        if not content_type.startswith(("text/", "application/json", "application/xml", "application/ld+json")):
            return response
        return super().process_response(request, response)
