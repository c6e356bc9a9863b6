"""Editor panels: the health claims found in the current draft, and a rule's time-outs."""

from __future__ import annotations

from django.conf import settings
from wagtail.admin.panels import Panel

from . import engine, validation


class ClaimsPanel(Panel):
    """Lists claim sentences with category, severity and whether a citation marker stands beside them.

    `texts_method` names a method on the edited object returning the texts to scan.
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
            texts = getattr(self.instance, self.panel.texts_method)() if self.instance else []
            with engine.skipped_rules() as skipped:
                context["claims"] = validation.findings(texts, context=self.panel.context)
            context["skipped_rules"] = skipped
            return context


class RuleTimeBudgetPanel(Panel):
    """On a claim rule's edit page: whether the rule ran over its time budget on a passage since saved."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", "Time budget")
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "claims/rule_time_budget_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["saved"] = bool(self.instance and self.instance.pk)
            context["overruns"] = self.instance.overruns() if context["saved"] else None
            context["budget_ms"] = settings.CLAIMS_RULE_BUDGET_MS
            return context
