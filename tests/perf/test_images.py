import re


def test_product_images_are_responsive_webp_with_dimensions(client, demo):
    html = client.get("/shop/").content.decode()
    pictures = re.findall(r"<picture>.*?</picture>", html, re.S)
    assert len(pictures) == 3
    for picture in pictures:
        assert 'type="image/avif"' in picture and 'type="image/webp"' in picture and " 480w" in picture and " 960w" in picture
        img = re.search(r"<img [^>]*>", picture).group(0)
        assert 'width="480"' in img and 'height="360"' in img and 'loading="lazy"' in img and "sizes=" in img
    detail = client.get("/shop/clinicred/").content.decode()
    hero = re.search(r"<picture>.*?</picture>", detail, re.S).group(0)
    assert 'type="image/webp"' in hero and 'loading="lazy"' not in hero and 'fetchpriority="high"' in hero
