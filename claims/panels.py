"""The editor's Health claims panel: the claims found in the current draft (on articles and products)."""

from __future__ import annotations

from wagtail.admin.panels import Panel

from . import engine, validation


class ClaimsPanel(Panel):
    """Lists claim sentences with category, severity, their support and what still blocks publishing.

    `texts_method` names a method on the edited object returning the texts to scan; if the object has a
    `claim_evidence()` method, its reference list and verification records count as support.
    """

    def __init__(self, texts_method: str = "claim_texts", context: str = "article", **kwargs):
        self.texts_method = texts_method
        self.context = context
        kwargs.setdefault("heading", "Health claims in this draft")
        super().__init__(**kwargs)

    def clone_kwargs(self):
        kwargs = super().clone_kwargs()
        kwargs.update(texts_method=self.texts_method, context=self.context)
        return kwargs

    class BoundPanel(Panel.BoundPanel):
        template_name = "claims/claims_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            instance = self.instance
            texts = getattr(instance, self.panel.texts_method)() if instance else []
            evidence = instance.claim_evidence() if hasattr(instance, "claim_evidence") else validation.Evidence()
            with engine.skipped_rules() as skipped:
                context["rows"] = [
                    {
                        "claim": claim,
                        "problem": problem,
                        "cited": claim.is_cited(evidence.references),
                        "verified": bool(claim.needs_evidence()) and claim.is_verified_by(evidence.verified),
                    }
                    for claim, problem in validation.problems(texts, context=self.panel.context, evidence=evidence)
                ]
            context["skipped_rules"] = skipped
            return context
