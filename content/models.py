"""Wagtail pages: home, the "Learn" index and articles with structured citations."""

from __future__ import annotations

import hashlib
import json
import math
import re
from dataclasses import replace
from pathlib import Path

from django.core.cache import cache
from django.db import models
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageViewRestriction
from wagtail.url_routing import RouteResult
from wagtail.search import index

from claims import ruleset
from claims.engine import Reference
from claims.engine.evidence import CITATION_RE
from claims.engine.markup import text_of
from claims.forms import VerificationRecordsFormMixin
from claims.models import VerificationRecord
from claims.panels import ClaimsPanel
from claims.preview import ClaimProblemsInPreview
from claims.validation import Evidence, Report, Source, add_publish_errors, plain_text
from claims.validation import report as claims_report
from shop.public_urls import public_url

from .blocks import ArticleBodyBlock, product_cards_html as _product_cards_html, unique_anchor
from .citations import MarkerLinker, short_label, unknown_markers
from . import panels
from .panels import InlineFieldsInlinePanel

WORDS_PER_MINUTE = 220
# What an article's kept layout is made by: this module and the block, reference-list and product-card
# templates. A deploy that changes any of them lays every article out anew (and never reads a layout of
# another shape).
LAYOUT_VERSION = hashlib.sha256(
    Path(__file__).read_bytes() + b"".join(
        path.read_bytes()
        for folder in ("blocks", "content/includes")
        for path in sorted((Path(__file__).resolve().parents[1] / "templates" / folder).glob("*.html"))
    ) + (Path(__file__).resolve().parents[1] / "templates" / "includes" / "product_card.html").read_bytes()
).hexdigest()[:12]


NONHUMAN_STUDY = re.compile(r"\b(?:animals?|rats?|mice|mouse|in vitro|cells?|cell cultures?|laborator\w*|tissue)\b", re.I)


def nonhuman_references(citations) -> frozenset[int]:
    """Numbers of the references that are animal or laboratory studies (their study type says so)."""
    found = set()
    for number, citation in enumerate(citations, start=1):
        study_type = (citation.get("study_type") if isinstance(citation, dict) else citation.study_type) or ""
        if NONHUMAN_STUDY.search(study_type):
            found.add(number)
    return frozenset(found)


VIEW_RESTRICTIONS_KEY = "wagtail-any-page-view-restriction"


def any_view_restriction() -> bool:
    """Whether any page has a view restriction (a password, a login or groups), kept for the content
    generation (shop/freshness.py), which a restriction saved or deleted moves on (content/apps.py)."""
    from shop import freshness

    return freshness.kept(VIEW_RESTRICTIONS_KEY, PageViewRestriction.objects.exists)


class RestrictionsKnown:
    """Wagtail checks every page it serves for view restrictions on the page and its ancestors (two
    queries); while the site has none at all, there is nothing to look up."""

    def get_view_restrictions(self):
        if not any_view_restriction():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


class HomePage(RestrictionsKnown, Page):
    hero_heading = models.CharField(max_length=200, default="Red and near-infrared light, explained")
    hero_text = models.TextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("hero_heading"), FieldPanel("hero_text")]
    subpage_types = ["content.LearnIndexPage"]
    max_count = 1

    PRODUCTS_SHOWN = 6  # the first six by the shop's order; a link leads to the rest
    ROUTE_SECONDS = 3600

    def route(self, request, path_components):
        """Wagtail's routing, remembered: Wagtail looks a page up one level at a time (a query for each
        level and one for each level's specific page); the page a path led to is kept in the shared
        cache under the content generation (shop/freshness.py), which moves whenever any page is saved,
        published, unpublished, moved or deleted (content/apps.py), so a visit routes without a query and
        a moved, renamed or unpublished page routes afresh."""
        if not path_components:
            return super().route(request, path_components)
        from shop import freshness

        url_path = self.url_path + "/".join(path_components) + "/"
        key = f"route:{freshness.generation()}:" + hashlib.sha256(url_path.encode()).hexdigest()
        page = cache.get(key)
        if page is not None:
            return RouteResult(page)
        result = super().route(request, path_components)
        page, args, kwargs = result
        if not args and not kwargs and page.url_path == url_path and page.live:  # a plain page, not a sub-route
            cache.set(key, page, self.ROUTE_SECONDS)
        return result

    def get_context(self, request, *args, **kwargs):
        from shop.models import Product

        context = super().get_context(request, *args, **kwargs)
        context.update(self._latest(request))
        context["products"] = Product.objects.live().for_cards()[: self.PRODUCTS_SHOWN]
        return context

    def _latest(self, request) -> dict:
        """The three newest public articles and how many products are on sale, kept in the shared cache
        until what shoppers see changes (shop/freshness.py: a publish, a product or its stock)."""
        from shop import freshness
        from shop.models import Product

        key = f"home-latest:{self.pk}:{freshness.generation()}"
        latest = cache.get(key)
        if latest is None:
            articles = ArticlePage.objects.live().public().order_by("-date_published", "-first_published_at")[:3]
            latest = {
                "articles": [{"title": a.title, "url": a.get_url(request), "intro": a.intro} for a in articles],
                "product_count": Product.objects.live().count(),
            }
            cache.set(key, latest, 24 * 3600)
        return latest


class LearnIndexPage(RestrictionsKnown, Page):
    intro = models.TextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["content.HomePage"]
    subpage_types = ["content.ArticlePage"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["articles"] = (
            ArticlePage.objects.child_of(self).live().public().order_by("-date_published")
        )
        return context


class ArticlePageForm(VerificationRecordsFormMixin, WagtailAdminPageForm):
    """Refuses a citation marker that names no reference entry, and publishing claims that need support:
    each offending block of the body is marked, and a summary is shown at the top."""

    def clean(self):
        cleaned_data = super().clean()
        body = cleaned_data.get("body")
        citations = self.citation_values()
        marker_errors = {}
        if body is not None and citations is not None:
            for position, block in enumerate(body):
                if block.block_type != "paragraph":
                    continue
                missing = unknown_markers([block.value.source], len(citations))
                if missing:
                    named = ", ".join(f"[{n}]" for n in missing)
                    marker_errors[position] = [
                        f"Citation marker {named} names no reference: the article lists "
                        f"{len(citations)} reference(s). Add the reference or fix the marker."
                    ]
        report = Report([], [])
        if not self.is_deferred_validation and body is not None:
            report = self.claims_report(cleaned_data, body, citations)
        if marker_errors or report.blocking or report.skipped_rules:
            add_publish_errors(self, report, block_messages={"body": marker_errors})
        return cleaned_data

    def citation_values(self) -> list[dict] | None:
        """The reference list as submitted (None when it does not validate: then any marker counts)."""
        formset = self.formsets.get("citations")
        if formset is None or not formset.is_valid():
            return None
        return [
            form.cleaned_data for form in formset.forms
            if getattr(form, "cleaned_data", None) and not form.cleaned_data.get("DELETE")
        ]

    def claims_report(self, values=None, body=None, citations=()) -> Report:
        """The claim checks on the submitted values (the cleaned ones when publishing; as typed, for the
        panel's live re-scan, without validating the rest of the form)."""
        if values is None:
            values = {name: self[name].data for name in ("title", "intro", "seo_title", "search_description") if name in self.fields}
            body = self["body"].data
            citations = self.citation_values()
        references = frozenset(range(1, len(citations) + 1)) if citations is not None else None
        evidence = self.claim_evidence(references)
        evidence = replace(evidence, cited_as=reference_labels(citations or ()))
        sources = ArticlePage.sources_from(
            title=values.get("title") or "",
            intro=values.get("intro") or "",
            seo_title=values.get("seo_title") or "",
            search_description=values.get("search_description") or "",
            body=body or (),
            citations=citations or (),
        )
        return claims_report(sources, evidence=evidence)


def reference_labels(citations) -> dict[int, Reference]:
    """How the disclaimers' {citation} names each entry of a reference list (models or form values)."""
    def value(citation, name):
        return (citation.get(name) if isinstance(citation, dict) else getattr(citation, name, "")) or ""

    return {
        number: Reference(
            number=number,
            label=short_label(value(citation, "authors"), value(citation, "published")),
            detail=value(citation, "study_type"),
            href=f"#ref-{number}",
        )
        for number, citation in enumerate(citations, start=1)
    }


class ArticlePage(RestrictionsKnown, ClaimProblemsInPreview, Page):
    intro = models.TextField(help_text="The standfirst under the title.", blank=True)
    body = StreamField(ArticleBodyBlock())
    author = models.CharField(max_length=120, blank=True)
    medically_reviewed_by = models.CharField(max_length=120, blank=True)
    last_reviewed = models.DateField(null=True, blank=True)
    date_published = models.DateField(null=True, blank=True)
    health_content = models.BooleanField(
        default=True,
        help_text="Shows the 'educational, not medical advice' notice at the top of the article.",
    )

    base_form_class = ArticlePageForm
    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("author"),
                FieldPanel("date_published"),
                # Set only by approving the article in the "Medical review" workflow (content/workflows.py).
                FieldPanel(
                    "medically_reviewed_by",
                    read_only=True,
                    help_text="Filled in when a medical reviewer approves the article in the Medical review workflow.",
                ),
                FieldPanel("last_reviewed", read_only=True, help_text="The day of that approval."),
                FieldPanel("health_content"),
            ],
            heading="Authorship and review",
        ),
        panels.StreamFieldPanel("body"),
        InlineFieldsInlinePanel("citations", heading="References", label="Reference"),
        InlinePanel(
            "verifications",
            heading="Verification records",
            label="Verification record",
            help_text=(
                "A disease or authority claim needs a citation marker or a record of the document you "
                "checked (510(k), certificate or study) whose wording appears in the claim sentence."
            ),
        ),
        ClaimsPanel(),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    parent_page_types = ["content.LearnIndexPage"]
    subpage_types: list[str] = []

    def record_medical_review(self, reviewer, *, on) -> None:
        """Credit `reviewer` (full name, else username) as having medically reviewed this draft on `on`."""
        self.medically_reviewed_by = reviewer.get_full_name() or reviewer.get_username()
        self.last_reviewed = on

    record_medical_review.alters_data = True

    def get_context(self, request, *args, **kwargs):
        from .structured_data import article_json_ld

        context = super().get_context(request, *args, **kwargs)
        context.update(self.build_body(request))
        context["json_ld"] = article_json_ld(self, context["references"], url=public_url(self.get_url(request)))
        return context

    def build_body(self, request=None) -> dict:
        """Body parts with linked citation markers, the table of contents and each reference's back-links.

        Each block renders through its own template (content/blocks.py); the citation markers are linked
        and the claims pass runs on that rendered HTML (a heading starts a section: a disclaimer already
        shown in full earlier in the section comes back as its short form). Product cards, which carry
        their own claims context, show the products as they are now (price, stock, rating); those at the
        very end of the body are returned as `closing_parts`, shown after the references.

        Two layers are kept in the shared cache. What does not change between visits (the blocks rendered
        and linked, the contents, the reference list, the reading time) is laid out once per published
        content (`_body_plan`). The assembled body (that layout, the claims pass's stored result and the
        product cards) is kept under the layout, the claim rules in force, the shop's content generation
        (shop/freshness.py: a product, its stock or a review changed) and the page's path, so a visit
        reads one entry. A preview (unsaved content) never uses either.
        """
        if request is None or getattr(request, "is_preview", False):
            body = self._assemble_body(self._lay_out_body(request), request)
            body.pop("degraded")
            return body
        from shop import freshness

        layout_key = self._layout_key()
        key = "article-visit:" + hashlib.sha256(repr((
            layout_key, ruleset.annotation_version(), freshness.generation(), request.get_full_path(),
        )).encode()).hexdigest()
        body = cache.get(key)
        if body is None:
            body = self._assemble_body(self._body_plan(request, layout_key), request)
            degraded = body.pop("degraded")
            cache.set(key, body, ruleset.DEGRADED_TIMEOUT if degraded else self.BODY_PLAN_SECONDS)
        return body

    def _assemble_body(self, plan: dict, request=None) -> dict:
        """The body as a visit shows it: the layout, its passages through the claims pass, the cards live."""
        annotated = ruleset.annotate_page([passage for _, passage in plan["passages"]])
        parts = [dict(part) for part in plan["parts"]]
        for (position, _), html in zip(plan["passages"], annotated):
            if parts[position]["cards"] is not None:
                parts[position]["html"] = _product_cards_html(parts[position]["cards"], html, request)
            elif html is not None:
                parts[position]["html"] = html
        closing = []
        while parts and parts[-1]["cards"] is not None:
            closing.insert(0, parts.pop())
        return {
            "body_parts": parts, "closing_parts": closing, "toc": plan["toc"], "references": plan["references"],
            "references_html": plan["references_html"], "reading_minutes": plan["reading_minutes"],
            "parent": plan["parent"], "degraded": annotated.degraded,
        }

    BODY_PLAN_SECONDS = 24 * 3600

    def _layout_key(self) -> str:
        """The kept layout's key: the page's revisions and its body as stored, so a publish, a saved draft
        or a direct save all lay it out anew, and the code and templates that make it."""
        body = self.body.raw_data if hasattr(self.body, "raw_data") else self.body
        return "article-body:" + hashlib.sha256(repr((
            self.pk, self.live_revision_id, self.latest_revision_id, str(self.last_published_at),
            json.dumps(list(body), sort_keys=True, default=str), LAYOUT_VERSION,
        )).encode()).hexdigest()

    def _body_plan(self, request, key: str) -> dict:
        """The visit-independent layout of the body (see build_body), from the cache when this published
        content was laid out before."""
        plan = cache.get(key)
        if plan is None:
            plan = self._lay_out_body(request)
            cache.set(key, plan, self.BODY_PLAN_SECONDS)
        return plan

    def _lay_out_body(self, request=None) -> dict:
        citations = list(self.citations.all())
        linker = MarkerLinker(len(citations))
        nonhuman = nonhuman_references(citations)
        references = {
            number: Reference(
                number=number,
                label=short_label(citation.authors, citation.published),
                detail=citation.study_type,
                href=f"#ref-{number}",
            )
            for number, citation in enumerate(citations, start=1)
        }
        parts, toc, taken, passages = [], [], set(), []
        render_context = {"page": self, "request": request}
        for position, block in enumerate(self.body):
            part = {"html": None, "anchor": None, "cards": None}
            if block.block_type == "heading":
                part["anchor"] = unique_anchor(block.value["text"], taken)
                toc.append({"anchor": part["anchor"], "text": block.value["text"], "level": block.value["level"]})
                part["html"] = block.render({**render_context, "anchor": part["anchor"]})
                passages.append((position, (None, {})))  # each heading starts a section (see ruleset.annotate)
            elif block.block_type == "product_cards":
                # the intro is product copy, a section of its own; annotated with the page's passages
                intro = block.value.get("intro") or ""
                part["cards"] = {
                    "heading": block.value["heading"], "intro": intro,
                    "products": [product.pk for product in block.value["products"] if product is not None],
                }
                passages.append((position, (ruleset.text_as_html(intro), {"context": "product", "id_prefix": "claim-cards", "own_section": True})))
            else:
                options = {"context": "article", "id_prefix": f"claim-{position}", "nonhuman_refs": nonhuman, "references": references}
                passages.append((position, (linker.link(block.render(render_context)), options)))
            parts.append(part)
        references = [
            {"number": i, "citation": citation, "places": linker.places.get(i, [])}
            for i, citation in enumerate(citations, start=1)
        ]
        references_html = render_to_string("content/includes/references.html", {"references": references}) if references else ""
        return {
            "parts": parts, "passages": passages, "toc": toc, "references": references,
            "references_html": mark_safe(references_html), "reading_minutes": self.reading_minutes,
            "parent": {"title": parent.title, "url": parent.get_url(request)} if (parent := self.get_parent()) else None,
        }

    @classmethod
    def sources_from(
        cls, *, title: str, intro: str, body, citations=(), seo_title: str = "", search_description: str = ""
    ) -> list[Source]:
        """Every text the claim checks read, with where the editor finds it: the title, the SEO title and
        the headings and the intro (a standfirst) as headings (one that only names its topic is not a claim), the
        search description and each block of the body."""
        nonhuman = nonhuman_references(citations)
        heading = {"heading": True}
        sources = [
            Source("Title", title, field="title", options=heading, shows_disclaimer=False),
            Source("Intro", intro, field="intro", options=heading),  # a standfirst may only name its topic too
            Source("SEO title", seo_title, field="seo_title", options=heading, shows_disclaimer=False),
            Source("Search description", search_description, field="search_description", shows_disclaimer=False),
        ]
        options = {"nonhuman_refs": nonhuman}
        for position, block in enumerate(body):
            kind, value = block.block_type, block.value
            where = f"Body, block {position + 1} ({kind.replace('_', ' ')})"
            place = {"field": "body", "block": position, "block_id": block.id or ""}
            if kind == "paragraph":
                sources.append(Source(where, plain_text(value.source), options=options, **place))
            elif kind == "quote":
                sources.append(Source(where, value["quote"], options=options, **place))
            elif kind == "callout":
                sources.append(Source(where, value["title"], options=heading, shows_disclaimer=False, **place))
                sources.append(Source(where, plain_text(value["text"].source), options=options, **place))
            elif kind == "heading":
                sources.append(Source(where, value["text"], options=heading, shows_disclaimer=False, **place))
            elif kind == "product_cards":
                sources.append(Source(where, value.get("intro") or "", options={"context": "product"}, **place))
        return [source for source in sources if source.text]

    @classmethod
    def claim_passages(cls, body, citations=()) -> list[tuple[str, dict]]:
        """(plain text, scan options) for each block the claim checks read."""
        sources = cls.sources_from(title="", intro="", body=body, citations=citations)
        return [(source.text, source.options) for source in sources]

    def claim_sources(self) -> list[Source]:
        """What the claim checks read in this revision (the Health claims panel lists it)."""
        return self.sources_from(
            title=self.title, intro=self.intro, seo_title=self.seo_title, search_description=self.search_description,
            body=self.body, citations=list(self.citations.all()),
        )

    def claim_texts(self) -> list[tuple[str, dict]]:
        return [(source.text, source.options) for source in self.claim_sources()]

    def claim_evidence(self) -> Evidence:
        """The reference list's numbers (and how disclaimers name them) and the verification records' wording."""
        citations = list(self.citations.all())
        return Evidence(
            references=frozenset(range(1, len(citations) + 1)),
            verified=tuple(record.covers for record in self.verifications.all()),
            cited_as=reference_labels(citations),
        )

    @property
    def reading_minutes(self) -> int:
        words = len(re.findall(r"\w+", self._plain_text()))
        return max(1, math.ceil(words / WORDS_PER_MINUTE))

    def _plain_text(self) -> str:
        """What a reader reads: the standfirst and the body's text, citation markers left out."""
        chunks = [self.intro]
        for block in self.body:
            if block.block_type == "paragraph":
                chunks.append(text_of(block.value.source))
            elif block.block_type == "heading":
                chunks.append(block.value["text"])
            elif block.block_type == "quote":
                chunks += [block.value["quote"], block.value["attribution"] or ""]
            elif block.block_type == "callout":
                chunks += [block.value["title"], text_of(block.value["text"].source)]
        return CITATION_RE.sub(" ", " ".join(chunks))


class Citation(Orderable):
    class Kind(models.TextChoices):
        JOURNAL_ARTICLE = "journal_article", "Journal article"
        WEB_PAGE = "web_page", "Web page"

    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="citations")
    authors = models.CharField(max_length=255)
    title = models.CharField(max_length=300)
    publisher = models.CharField("publisher or journal", max_length=255)
    published = models.CharField(
        "date", max_length=40, help_text="As precise as known, e.g. 'July 2012' or '2006-03'."
    )
    url = models.URLField("URL", blank=True, max_length=500)
    doi = models.CharField("DOI", max_length=120, blank=True, help_text="e.g. 10.5402/2012/484307")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.JOURNAL_ARTICLE)
    study_type = models.CharField(
        max_length=200,
        blank=True,
        help_text="For studies: design and size, e.g. 'randomized controlled trial, 35 patients, no sham'.",
    )

    panels = [
        FieldPanel("authors", widget=panels.TextInput),
        FieldPanel("title", widget=panels.TextInput),
        FieldPanel("publisher", widget=panels.TextInput),
        FieldPanel("published", widget=panels.TextInput),
        FieldPanel("kind", widget=panels.Select),
        FieldPanel("study_type", widget=panels.TextInput),
        FieldPanel("url", widget=panels.URLInput),
        FieldPanel("doi", widget=panels.TextInput),
    ]

    def __str__(self) -> str:
        return f"{self.authors}. {self.title}"

    @property
    def doi_url(self) -> str:
        return f"https://doi.org/{self.doi}" if self.doi else ""

    @property
    def link(self) -> str:
        return self.url or self.doi_url


class ArticleVerification(Orderable, VerificationRecord):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="verifications")

    class Meta(Orderable.Meta):
        verbose_name = "verification record"


from .workflows import MedicalReviewTask  # noqa: E402, F401  (a model: registered with the app here)
