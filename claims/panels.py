"""The editor's Health claims panel: the claims found in the draft (on articles and products), re-scanned
as the editor types (claims/static/claims/js/claims-panel.js posts the form to claims.views)."""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from wagtail.admin.panels import Panel
from wagtail.models import Page

from . import ruleset, validation

FINDINGS_SECONDS = 24 * 3600


def findings_html(sources, *, context: str, evidence: validation.Evidence) -> str:
    """The panel's list of findings, kept in the cache by what it depends on (the rules in force, the
    texts and their support): opening the same draft again (the edit view after each save, a reviewer's
    task) reads it instead of running the claim checks over every block. A list made while a rule was
    skipped is kept only briefly, as annotations are."""
    key = f"{ruleset.annotation_version()}|{context}|{sources!r}|{evidence!r}"
    key = "claims:panel:" + hashlib.sha256(key.encode()).hexdigest()
    html = cache.get(key)
    if html is None:
        report = validation.report(sources, context=context, evidence=evidence)
        html = render_to_string(
            "claims/claims_findings.html", {"findings": report.findings, "skipped_rules": report.skipped_rules}
        )
        cache.set(key, html, timeout=ruleset.DEGRADED_TIMEOUT if report.skipped_rules else FINDINGS_SECONDS)
    return mark_safe(html)


class ClaimsPanel(Panel):
    """Lists each claim sentence with readable labels for every wording found, what still blocks
    publishing, its support and the disclaimer a reader sees, and a link to the block or field.

    The edited object's `claim_sources()` says what is read (titles, descriptions, each block) and its
    `claim_evidence()` (if any) what counts as support; its form's `claims_report()` does the same for
    the form as typed (the live re-scan).
    """

    def __init__(self, context: str = "article", **kwargs):
        self.context = context
        kwargs.setdefault("heading", "Health claims in this draft")
        super().__init__(**kwargs)

    def clone_kwargs(self):
        kwargs = super().clone_kwargs()
        kwargs.update(context=self.context)
        return kwargs

    class BoundPanel(Panel.BoundPanel):
        template_name = "claims/claims_panel.html"

        class Media:
            js = ["claims/js/claims-panel.js"]

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            instance = self.instance
            sources = instance.claim_sources() if instance is not None else []
            evidence = instance.claim_evidence() if hasattr(instance, "claim_evidence") else validation.Evidence()
            context.update(
                findings_html=findings_html(sources, context=self.panel.context, evidence=evidence),
                scan_url=self.scan_url(),
            )
            return context

        def scan_url(self) -> str:
            instance, meta = self.instance, self.instance._meta
            if isinstance(instance, Page):
                if instance.pk:
                    return reverse("claims_scan_page", args=(instance.pk,))
                parent = getattr(self.form, "parent_page", None)
                return reverse("claims_scan_new_page", args=(meta.app_label, meta.model_name, parent.pk)) if parent else ""
            if instance.pk:
                return reverse("claims_scan_snippet", args=(meta.app_label, meta.model_name, instance.pk))
            return reverse("claims_scan_new_snippet", args=(meta.app_label, meta.model_name))
