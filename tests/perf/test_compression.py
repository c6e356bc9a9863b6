"""Pages reach a browser gzipped when it asks (a phone's first paint waits on the HTML's bytes);
pictures are not compressed twice."""

import gzip

from django.http import HttpResponse
from django.test import RequestFactory

from storefront.compression import TextGZipMiddleware

ARTICLE = "/learn/red-light-therapy-for-peripheral-neuropathy/"


def test_the_article_is_sent_gzipped_to_a_browser_that_asks_and_plain_to_one_that_does_not(client, demo):
    plain = client.get(ARTICLE)
    assert "Content-Encoding" not in plain
    for _ in range(2):  # rendered, then from the page cache: both compressed
        zipped = client.get(ARTICLE, headers={"accept-encoding": "gzip, deflate, br"})
        assert zipped["Content-Encoding"] == "gzip" and "Accept-Encoding" in zipped["Vary"]
        html = gzip.decompress(zipped.content)
        assert b"Red Light therapy for peripheral neuropathy" in html and html.rstrip().endswith(b"</html>")
        assert len(zipped.content) < len(plain.content) / 3


def test_a_picture_is_not_gzipped_again():
    request = RequestFactory().get("/media/x.avif", headers={"accept-encoding": "gzip"})
    middleware = TextGZipMiddleware(lambda request: HttpResponse(b"\x00" * 5000, content_type="image/avif"))
    assert "Content-Encoding" not in middleware(request)
    page = TextGZipMiddleware(lambda request: HttpResponse(b"<p>x</p>" * 500, content_type="text/html; charset=utf-8"))
    assert page(request)["Content-Encoding"] == "gzip"
