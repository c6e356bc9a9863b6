import re


def test_product_images_are_responsive_webp_with_dimensions(client, demo):
    html = client.get("/shop/").content.decode()
    pictures = re.findall(r"<picture>.*?</picture>", html, re.S)
    assert len(pictures) == 3
    for n, picture in enumerate(pictures):
        assert 'type="image/avif"' in picture and 'type="image/webp"' in picture and " 480w" in picture and " 960w" in picture
        img = re.search(r"<img [^>]*>", picture).group(0)
        assert 'width="480"' in img and 'height="360"' in img and "sizes=" in img
        # the first card starts the phone's first screen (Lighthouse's largest paint): fetched at once, first;
        # the rest wait until they are near the screen
        if n == 0:
            assert 'fetchpriority="high"' in img and "loading=" not in img
        else:
            assert 'loading="lazy"' in img and "fetchpriority" not in img
    detail = client.get("/shop/clinicred/").content.decode()
    hero = re.search(r"<picture>.*?</picture>", detail, re.S).group(0)
    assert 'type="image/webp"' in hero and 'loading="lazy"' not in hero and 'fetchpriority="high"' in hero


def test_the_home_page_fetches_its_first_card_picture_first_and_an_article_none(client, demo):
    home = re.findall(r"<img [^>]*card-img[^>]*>", client.get("/").content.decode())
    assert 'fetchpriority="high"' in home[0] and all('loading="lazy"' in img for img in home[1:])
    article = client.get("/learn/red-light-therapy-for-peripheral-neuropathy/").content.decode()
    assert 'fetchpriority="high"' not in article  # its product cards come far below the first screen
