"""Claim rules and disclaimer texts, editable in the admin as snippets with revisions."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import RevisionMixin

from . import overruns
from .engine import check_pattern
from .engine.placeholders import unknown_placeholders
from .record_panels import RuleTimeBudgetPanel, StampPanel

CATEGORY_CHOICES = [
    ("cure", "Cure or absolute promise"),
    ("urgency", "Urgency or discouraging medical care"),
    ("testimonial", "Testimonial"),
    ("nonhuman_study", "Animal or laboratory study"),
    ("study_result", "Study result"),
    ("authority", "Authority or endorsement"),
    ("disease", "Disease claim"),
    ("safety", "Safety claim"),
    ("structure_function", "Body function claim"),
]
SEVERITY_CHOICES = [
    ("disclaim", "Show the disclaimer"),
    ("needs-citation", "Needs a citation marker"),
    ("forbidden", "Forbidden: publishing is refused"),
]


class Disclaimer(RevisionMixin, models.Model):
    key = models.SlugField(max_length=50, unique=True, help_text="Rules point at a disclaimer by this key.")
    title = models.CharField(max_length=120)
    text = models.TextField(
        help_text=(
            "Shown in the note right after every paragraph that makes a matching claim. {condition} becomes "
            "the condition the claim names and {citation} the reference it cites; a fallback may follow a "
            "bar, e.g. {condition|any disease}."
        )
    )
    short_text = models.CharField(
        "short form",
        max_length=200,
        blank=True,
        help_text=(
            "One line shown instead of the full text when the same note was already shown in full earlier "
            "in the section; the full text stays one click away. Must still say the essential point. "
            "Empty: always the full text. Same placeholders."
        ),
    )

    panels = [FieldPanel("title"), FieldPanel("key"), FieldPanel("text"), FieldPanel("short_text")]

    class Meta:
        ordering = ["key"]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        errors = {}
        for field in ("text", "short_text"):
            unknown = unknown_placeholders(getattr(self, field))
            if unknown:
                named = ", ".join("{" + name + "}" for name in unknown)
                errors[field] = f"Unknown placeholder {named}: use {{condition}} or {{citation}}."
        if errors:
            raise ValidationError(errors)


class ClaimRule(RevisionMixin, models.Model):
    rule_id = models.SlugField("rule id", max_length=60, unique=True)
    category = models.CharField(max_length=30, choices=CATEGORY_CHOICES)
    severity = models.CharField(max_length=20, choices=SEVERITY_CHOICES)
    disclaimer_key = models.SlugField(max_length=50, help_text="Key of the disclaimer to show.")
    phrases = models.TextField(
        blank=True, help_text="One trigger phrase per line; matched on word boundaries, any case."
    )
    patterns = models.TextField(
        blank=True, help_text="Advanced: one regular expression per line (Python syntax)."
    )
    enabled = models.BooleanField(default=True)
    needs_subject = models.BooleanField(
        default=True, help_text="Only when the passage is about light therapy or our devices."
    )
    first_person = models.BooleanField(default=False, help_text="Only in first-person sentences (testimonials).")
    notes = models.TextField(blank=True, help_text="Why the rule exists; sources.")

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("rule_id"),
                FieldPanel("category"),
                FieldPanel("severity"),
                FieldPanel("disclaimer_key"),
                FieldPanel("enabled"),
                FieldPanel("needs_subject"),
                FieldPanel("first_person"),
            ],
            heading="Rule",
        ),
        FieldPanel("phrases"),
        RuleTimeBudgetPanel(),
        FieldPanel("patterns"),
        FieldPanel("notes"),
    ]

    class Meta:
        ordering = ["category", "rule_id"]

    def __str__(self) -> str:
        return f"{self.rule_id} ({self.get_category_display()})"

    def clean(self):
        problems = [problem for line in self.pattern_list() for problem in check_pattern(line)]
        if problems:
            raise ValidationError({"patterns": problems})
        if not Disclaimer.objects.filter(key=self.disclaimer_key).exists():
            raise ValidationError({"disclaimer_key": "No disclaimer has this key."})

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        overruns.forget(self.rule_id)  # the rule changed: its time-outs so far say nothing about it now

    def overruns(self) -> dict | None:
        """How often the rule ran over its time budget on a passage (and was skipped there) since saved."""
        return overruns.of(self.rule_id)

    def time_budget(self) -> str:
        found = self.overruns()
        if not found:
            return "—"
        return f"Too slow {found['count']}× (last {found['last']:%Y-%m-%d %H:%M} UTC): skipped there"

    time_budget.short_description = "Time budget"

    def phrase_list(self) -> tuple[str, ...]:
        return tuple(line.strip() for line in self.phrases.splitlines() if line.strip())

    def pattern_list(self) -> tuple[str, ...]:
        return tuple(line.strip() for line in self.patterns.splitlines() if line.strip())


class SentenceVerdict(models.Model):
    """The classifier's verdict on one sentence, stored when the text is saved so that pages only read it.

    `key` is the SHA-256 of the classifier version and the sentence: a retrained model starts afresh.
    """

    key = models.CharField(max_length=64, primary_key=True)
    hidden = models.JSONField(help_text="The sentence embedding's share of the classifier's hidden layer.")
    category = models.CharField(max_length=30, choices=CATEGORY_CHOICES)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.category


class StoredAnnotation(models.Model):
    """A passage's annotated HTML (or a whole article's passages), stored when the text is published or
    first rendered under the rules in force, so that a render with cold caches (a new worker, a restart)
    reads a row instead of running the claims pass. `key`: SHA-256 of the rules and model versions and
    the passages with their options; a change to any of them makes a new key."""

    key = models.CharField(max_length=64, primary_key=True)
    parts = models.JSONField(help_text="For each passage, its annotated HTML and the disclaimers it shows in full.")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return self.key[:12]


class VerificationRecord(models.Model):
    """A document an editor checked that supports a disease or authority claim (compliance.md 2.2).

    Attached to an article or a product (each app has its own child model with a ParentalKey, the way
    Wagtail's form builder pairs AbstractFormField with a page). A claim sentence that contains the
    record's wording may be published without a citation marker. Who checked and when are set from the
    signed-in editor when the record is added or changed (claims.forms.VerificationRecordsFormMixin).
    """

    class Kind(models.TextChoices):
        CLEARANCE = "510k", "FDA 510(k) clearance"
        CERTIFICATE = "certificate", "Medical-device certificate (CE/UKCA)"
        PUBLICATION = "publication", "Published study or review"
        OTHER = "other", "Other document"

    covers = models.CharField(
        "wording verified",
        max_length=300,
        help_text=(
            "The claim sentence, or the disease or authority wording in it that the document supports "
            "(e.g. 'FDA cleared' or 'minor arthritis pain'), exactly as it appears in the text."
        ),
    )
    kind = models.CharField("kind of document", max_length=20, choices=Kind.choices)
    document = models.CharField(
        max_length=255,
        help_text="510(k) number, certificate number and notified body, or the study's citation.",
    )
    indication = models.TextField(
        "exact wording in the document",
        help_text="The cleared indication or the passage that supports the claim, copied word for word.",
    )
    url = models.URLField("link to the document", max_length=500, help_text="FDA database entry, certificate, DOI or publisher page.")
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    checked_on = models.DateField(null=True, blank=True, editable=False)

    panels = [
        FieldPanel("covers"),
        FieldPanel("kind"),
        FieldPanel("document"),
        FieldPanel("indication"),
        FieldPanel("url"),
        StampPanel("checked_by", heading="Checked by"),
        StampPanel("checked_on", heading="Checked on"),
    ]

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.document}: “{self.covers}”"
