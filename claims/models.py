"""Claim rules and disclaimer texts, editable in the admin as snippets with revisions."""

from __future__ import annotations

from django.db import models, transaction
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import RevisionMixin

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


class RulesChangeMixin:
    """Saving or deleting a rule or disclaimer makes every page show the new rules at once."""

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        from .ruleset import rules_changed

        transaction.on_commit(rules_changed)

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        from .ruleset import rules_changed

        transaction.on_commit(rules_changed)
        return result


class Disclaimer(RulesChangeMixin, RevisionMixin, models.Model):
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
        from django.core.exceptions import ValidationError

        from .engine.placeholders import unknown_placeholders

        errors = {}
        for field in ("text", "short_text"):
            unknown = unknown_placeholders(getattr(self, field))
            if unknown:
                named = ", ".join("{" + name + "}" for name in unknown)
                errors[field] = f"Unknown placeholder {named}: use {{condition}} or {{citation}}."
        if errors:
            raise ValidationError(errors)


class ClaimRule(RulesChangeMixin, RevisionMixin, models.Model):
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
        FieldPanel("patterns"),
        FieldPanel("notes"),
    ]

    class Meta:
        ordering = ["category", "rule_id"]

    def __str__(self) -> str:
        return f"{self.rule_id} ({self.get_category_display()})"

    def clean(self):
        import re

        from django.core.exceptions import ValidationError

        for line in self.pattern_list():
            try:
                re.compile(line)
            except re.error as error:
                raise ValidationError({"patterns": f"Not a valid pattern: {line!r} ({error})."})
        if not Disclaimer.objects.filter(key=self.disclaimer_key).exists():
            raise ValidationError({"disclaimer_key": "No disclaimer has this key."})

    def phrase_list(self) -> tuple[str, ...]:
        return tuple(line.strip() for line in self.phrases.splitlines() if line.strip())

    def pattern_list(self) -> tuple[str, ...]:
        return tuple(line.strip() for line in self.patterns.splitlines() if line.strip())
