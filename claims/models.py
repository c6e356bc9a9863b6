"""Claim rules and disclaimer texts, editable in the admin as snippets with revisions."""

from __future__ import annotations

from django.db import models, transaction
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import RevisionMixin

from .panels import RuleTimeBudgetPanel

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
    text = models.TextField(help_text="Shown right after every paragraph that makes a matching claim.")

    panels = [FieldPanel("title"), FieldPanel("key"), FieldPanel("text")]

    class Meta:
        ordering = ["key"]

    def __str__(self) -> str:
        return self.title


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
        RuleTimeBudgetPanel(),
        FieldPanel("patterns"),
        FieldPanel("notes"),
    ]

    class Meta:
        ordering = ["category", "rule_id"]

    def __str__(self) -> str:
        return f"{self.rule_id} ({self.get_category_display()})"

    def clean(self):
        from django.core.exceptions import ValidationError

        from .engine import check_pattern

        problems = [problem for line in self.pattern_list() for problem in check_pattern(line)]
        if problems:
            raise ValidationError({"patterns": problems})
        if not Disclaimer.objects.filter(key=self.disclaimer_key).exists():
            raise ValidationError({"disclaimer_key": "No disclaimer has this key."})

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        from .ruleset import forget_overruns

        forget_overruns(self.rule_id)  # the rule changed: its time-outs so far say nothing about it now

    def overruns(self) -> dict | None:
        """How often the rule ran over its time budget on a passage (and was skipped there) since saved."""
        from .ruleset import overruns

        return overruns(self.rule_id)

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
