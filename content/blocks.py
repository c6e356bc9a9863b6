"""StreamField blocks for articles. Names are serialised into migrations: keep them stable."""

from django.utils.text import slugify
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

PARAGRAPH_FEATURES = ["bold", "italic", "link", "ul", "ol"]


def unique_anchor(text: str, taken: set[str]) -> str:
    """A heading's id: its slug, "-2", "-3" … after a repeat of an earlier heading's; added to `taken`."""
    anchor = base = slugify(text) or "section"
    n = 1
    while anchor in taken:
        n += 1
        anchor = f"{base}-{n}"
    taken.add(anchor)
    return anchor


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=200)
    level = blocks.ChoiceBlock(choices=[("h2", "Section (h2)"), ("h3", "Subsection (h3)")], default="h2")

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        description = "A section heading; it appears in the table of contents."
        preview_value = {"text": "What does the research say?", "level": "h2"}

    def get_context(self, value, parent_context=None):
        """`anchor`: the one the page gave this heading (see ArticlePage.build_body), else its own."""
        anchor = (parent_context or {}).get("anchor")
        context = super().get_context(value, parent_context)
        context["anchor"] = anchor or unique_anchor(value["text"], set())
        return context


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", PARAGRAPH_FEATURES)
        kwargs.setdefault(
            "help_text",
            "Type citation markers as [1], [2] … matching the numbered references below.",
        )
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "blocks/paragraph_block.html"
        description = "Rich text with citation markers such as [3]."
        preview_value = "<p>Red light sits between 630 and 660 nm [1].</p>"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        description = "A pull quote."
        preview_value = {"quote": "You always had the power, my dear.", "attribution": ""}


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        max_length=250, help_text="Describe the image for people who cannot see it."
    )
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "blocks/captioned_image_block.html"
        description = "An image with alt text and an optional caption."


class CalloutBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120)
    text = blocks.RichTextBlock(features=PARAGRAPH_FEATURES)

    class Meta:
        icon = "warning"
        template = "blocks/callout_block.html"
        description = "A highlighted box, e.g. 'Talk to your doctor first'."
        preview_value = {"title": "Talk to your doctor", "text": "<p>Check with your clinician.</p>"}


class ProductCardsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, default="Shop products")
    intro = blocks.TextBlock(required=False)
    products = blocks.ListBlock(SnippetChooserBlock("shop.Product"), min_num=1)

    class Meta:
        icon = "pick"
        template = "blocks/product_cards_block.html"
        description = "Live product cards: image, name, price, rating and a link."

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["cards"] = live_cards([product.pk for product in value["products"] if product is not None])
        return context


def live_cards(chosen: list[int]) -> list:
    """The chosen products still on sale, in the editor's order, loaded for their cards (one query)."""
    from shop.models import Product

    by_pk = Product.objects.live().for_cards().in_bulk(chosen)
    return [by_pk[pk] for pk in chosen if pk in by_pk]


def product_cards_html(cards: dict, intro_html, request=None) -> str:
    """A product-cards block as an article shows it on a visit: `cards` as the article laid it out
    (heading, intro, the chosen products' ids), its intro annotated, the cards live."""
    from django.template.loader import render_to_string

    return render_to_string(
        "blocks/product_cards_block.html",
        {"value": cards, "intro_html": intro_html, "cards": live_cards(cards["products"]), "request": request},
    )


class ArticleBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    quote = QuoteBlock()
    image = CaptionedImageBlock()
    product_cards = ProductCardsBlock()
    callout = CalloutBlock()
