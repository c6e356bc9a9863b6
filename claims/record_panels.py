"""Panels of the claims app's own edit forms: read-only stamps on records, and a rule's time-outs."""

from __future__ import annotations

from django.conf import settings
from wagtail.admin.panels import FieldPanel, Panel


class StampPanel(FieldPanel):
    """A read-only field the application fills in (who checked a record, and when); says so while empty."""

    def __init__(self, field_name, placeholder="Filled in when you save", **kwargs):
        kwargs["read_only"] = True
        super().__init__(field_name, **kwargs)
        self.placeholder = placeholder

    def clone_kwargs(self):
        kwargs = super().clone_kwargs()
        kwargs["placeholder"] = self.placeholder
        return kwargs

    def format_value_for_display(self, value):
        if value is None or value == "":
            return self.placeholder
        if hasattr(value, "get_username"):
            return value.get_full_name() or value.get_username()
        return super().format_value_for_display(value)


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
