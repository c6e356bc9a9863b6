"""Demo content built through the models' API. Running it again changes nothing already there."""

from __future__ import annotations

import datetime as dt
import secrets
from io import BytesIO

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import GroupPagePermission, Page, Site, Workflow, WorkflowPage
from wagtail.rich_text import RichText

from shop.models import DiscountCode, Product, ProductImage, Review, Stock

from .demo_content import article as article_data
from .demo_content import products as product_data
from .models import ArticlePage, Citation, HomePage, LearnIndexPage
from .workflows import MEDICAL_REVIEW, MEDICAL_REVIEWERS


@transaction.atomic
def load_demo(log=print) -> None:
    """Create the home page, Learn index, the seed article, products and sample reviews if missing."""
    home = ensure_home(log)
    learn = ensure_learn_index(home, log)
    ensure_medical_review(learn, log)
    products = {spec["slug"]: ensure_product(spec, log) for spec in product_data.PRODUCTS}
    ensure_reviews(products, log)
    ensure_article(learn, products, log)
    ensure_discount_codes(log)


DEMO_DISCOUNT_CODES = [
    {"code": "WELCOME10", "kind": DiscountCode.Kind.PERCENT, "value": 10},
]


def ensure_discount_codes(log) -> None:
    """The demo's discount code WELCOME10 (10% off, no minimum), if no code of that name exists."""
    for spec in DEMO_DISCOUNT_CODES:
        if not DiscountCode.objects.filter(code__iexact=spec["code"]).exists():
            DiscountCode.objects.create(**spec)
            log(f"Created the discount code {spec['code']}")


def ensure_home(log) -> HomePage:
    home = HomePage.objects.first()
    if home:
        return home
    root = Page.get_first_root_node()
    for child in root.get_children():
        if child.specific_class is Page:  # Wagtail's "Welcome" placeholder
            child.delete()
    home = HomePage(
        title="Home",
        slug="home",
        hero_heading="Red and near-infrared light, explained honestly",
        hero_text=(
            "Read what the research says, with every source cited, then choose the device that suits you."
        ),
        search_description="Evidence-aware articles on red and near-infrared light therapy, and the ClinicRed devices.",
    )
    root.add_child(instance=home)
    home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site:
        site.root_page = home
        site.site_name = "ClinicRed"
        site.save()
    else:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="ClinicRed")
    log("Created the home page.")
    return home


def ensure_learn_index(home: HomePage, log) -> LearnIndexPage:
    learn = LearnIndexPage.objects.child_of(home).filter(slug="learn").first()
    if learn:
        return learn
    learn = LearnIndexPage(
        title="Learn",
        slug="learn",
        intro="Evidence-aware articles on red and near-infrared light therapy, with their sources.",
        search_description="Articles on red and near-infrared light therapy, each with its sources.",
    )
    home.add_child(instance=learn)
    learn.save_revision().publish()
    log("Created the Learn index.")
    return learn


def ensure_medical_review(learn: LearnIndexPage, log) -> None:
    """Articles in the Learn section go through the "Medical review" workflow (made by a migration) when an
    editor submits them; editors may still publish directly, and so does this loader. Approving the last
    task publishes as the reviewer, so the reviewers may publish in this section, and nowhere else."""
    assigned = WorkflowPage.objects.filter(page=learn).select_related("workflow").first()
    if assigned is None:
        workflow = Workflow.objects.filter(name=MEDICAL_REVIEW, active=True).first()
        if workflow is None:
            log(f"No active {MEDICAL_REVIEW!r} workflow: the Learn section keeps its site-wide workflow.")
            return
        assigned = WorkflowPage.objects.create(page=learn, workflow=workflow)
        log(f"Articles in {learn.title!r} now go through the {MEDICAL_REVIEW!r} workflow.")
    reviewers = Group.objects.filter(name=MEDICAL_REVIEWERS).first()
    if assigned.workflow.name == MEDICAL_REVIEW and reviewers is not None:
        publish = Permission.objects.get(content_type__app_label="wagtailcore", codename="publish_page")
        GroupPagePermission.objects.get_or_create(group=reviewers, page=learn, permission=publish)


def ensure_product(spec: dict, log) -> Product:
    product = Product.objects.filter(slug=spec["slug"]).first()
    if product is None:
        product = Product(
            slug=spec["slug"],
            name=spec["name"],
            sku=spec["sku"],
            tagline=spec["tagline"],
            price_cents=spec["price_cents"],
            description=spec["description"],
            regulatory_status=spec["regulatory_status"],
            intended_use=spec["intended_use"],
            sort_order=spec["sort_order"],
            image=product_image(spec),
            **spec.get("specs", {}),
        )
        product.gallery_images = gallery_images(spec)
        product.save()
        product.save_revision().publish()
        log(f"Created product {product.name}.")
    elif not product.gallery_images.exists() and not product.specifications():
        # A store loaded before products had a gallery and specifications: add them, nothing else.
        for name, value in spec.get("specs", {}).items():
            setattr(product, name, value)
        product.gallery_images = gallery_images(spec)
        product.save()
        product.save_revision().publish()
        log(f"Added the gallery and specifications of {product.name}.")
    Stock.objects.get_or_create(product=product, defaults={"on_hand": spec["stock"]})
    return product


def draw_product(spec: dict, background=(245, 240, 238)) -> PILImage.Image:
    """The demo's drawing of a product (Pillow; nothing downloaded): a rounded body with rows of LEDs."""
    width, height = 1200, 900
    red, green, blue = spec["color"]
    picture = PILImage.new("RGB", (width, height), background)
    draw = ImageDraw.Draw(picture)
    draw.rounded_rectangle((300, 120, 900, 780), radius=40, fill=(red, green, blue))
    for row in range(8):
        for col in range(6):
            x, y = 370 + col * 92, 180 + row * 74
            draw.ellipse((x, y, x + 40, y + 40), fill=(255, 120 + (row * 10) % 100, 110))
    return picture


def saved_image(title: str, picture: PILImage.Image, filename: str):
    """A Wagtail image of the Pillow picture (PNG), or the one already saved under that title."""
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    buffer = BytesIO()
    picture.save(buffer, format="PNG", optimize=True)
    from django.core.files.images import ImageFile as DjangoImageFile

    image = Image(title=title, file=DjangoImageFile(BytesIO(buffer.getvalue()), name=filename))
    image.save()
    return image


def product_image(spec: dict):
    """A generated product picture, reused when it already exists."""
    return saved_image(f"{spec['name']} product photo", draw_product(spec), f"{spec['slug']}.png")


def gallery_images(spec: dict) -> list[ProductImage]:
    """Two more views for the product page's gallery, made from the same drawing with Pillow (the demo has
    one picture per product): a close-up crop of the front, and the drawing on a dark background."""
    close_up = draw_product(spec).crop((340, 150, 860, 540)).resize((1200, 900), PILImage.LANCZOS)
    dark = draw_product(spec, background=(38, 34, 40))
    name = spec["name"]
    return [
        ProductImage(
            image=saved_image(f"{name} close-up", close_up, f"{spec['slug']}-close-up.png"),
            alt_text=f"{name}: close-up of the front (demo drawing)",
        ),
        ProductImage(
            image=saved_image(f"{name} on a dark background", dark, f"{spec['slug']}-dark.png"),
            alt_text=f"{name} on a dark background (demo drawing)",
        ),
    ]


def ensure_reviews(products: dict[str, Product], log) -> None:
    for slug, reviews in product_data.REVIEWS.items():
        product = products[slug]
        if product.reviews.filter(is_sample=True).exists():
            continue
        for number, (rating, title, body, date) in enumerate(reviews, start=1):
            Review.objects.create(
                product=product,
                rating=rating,
                title=title,
                body=body,
                author_name=f"Sample customer {number}",
                status=Review.Status.APPROVED,
                is_sample=True,
                created_at=timezone.make_aware(dt.datetime.fromisoformat(date + "T12:00:00")),
            )
        log(f"Added {len(reviews)} sample reviews to {product.name}.")


def ensure_article(learn: LearnIndexPage, products: dict[str, Product], log) -> ArticlePage:
    """The seed article with two revisions: the first is the seed text word for word, saved as a draft
    (it could not be published: compliance.md); the second, published, makes the compliance edit."""
    article = ArticlePage.objects.child_of(learn).filter(slug=article_data.SLUG).first()
    if article:
        return article
    article = ArticlePage(
        title=article_data.TITLE,
        slug=article_data.SLUG,
        intro=article_data.INTRO_SEED,
        author=article_data.AUTHOR,
        date_published=dt.date.fromisoformat(article_data.DATE_PUBLISHED),
        search_description=article_data.SEARCH_DESCRIPTION,
        body=[article_block(kind, text) for kind, text in article_data.BODY_SEED] + [shop_block(products)],
        live=False,
    )
    article.citations = [Citation(sort_order=i, **data) for i, data in enumerate(article_data.CITATIONS)]
    learn.add_child(instance=article)
    article.save_revision(log_action=True)  # like the admin: add_child logs "Created", this "Draft saved"
    article.intro = article_data.INTRO
    for index, (kind, text) in enumerate(article_data.BODY):
        if text != article_data.BODY_SEED[index][1]:  # the same block (same id) with the edited text
            article.body[index] = (*article_block(kind, text), article.body[index].id)
    article.save_revision(log_action=True).publish()
    log(f"Created the article {article.title!r}: the seed text, then its compliance edit (published).")
    return article


def article_block(kind: str, text: str) -> tuple:
    """A body block (type, value) from a block of the demo content's plain text."""
    if kind == "heading":
        return ("heading", {"text": text, "level": "h2"})
    if kind == "paragraph":
        return ("paragraph", RichText(f"<p>{escape(text)}</p>"))
    if kind == "quote":
        return ("quote", {"quote": text, "attribution": ""})
    raise ValueError(f"unknown block kind {kind!r}")


def shop_block(products: dict[str, Product]) -> tuple:
    return (
        "product_cards",
        {
            "heading": article_data.SHOP_HEADING,
            "intro": article_data.SHOP_INTRO,
            "products": [products[slug] for slug in article_data.SHOP_PRODUCT_SLUGS],
        },
    )


def ensure_admin(log=print) -> None:
    """Create an `admin` superuser with a random password, printed once; never reset an existing one."""
    User = get_user_model()
    if User.objects.filter(is_superuser=True).exists():
        log("Admin: sign in at /admin/ with your existing superuser (password unchanged).")
        return
    password = secrets.token_urlsafe(12)
    User.objects.create_superuser("admin", "admin@localhost", password)
    log("Admin created: sign in at /admin/ as 'admin' with password: " + password)
    log("This password is shown only once; change it under Account in the admin.")
