"""The dashboard's reconciliation panel: when reconciliation last ran and what it found, or that it
never ran. It never says "no mismatch" without the date that was true on."""

from __future__ import annotations

from django.urls import reverse
from wagtail.admin.ui.components import Component

from . import reconciliation


class ReconciliationPanel(Component):
    order = 13
    template_name = "shop/admin/reconciliation_panel.html"

    def get_context_data(self, parent_context=None):
        summary = reconciliation.summary()
        rows = [
            (reverse("wagtailsnippets_shop_order:inspect", args=(m.order_id,)) if m.order_id else "", f"{m.get_kind_display()}: {m.detail}")
            for m in summary.mismatches
        ]
        return {"summary": summary, "rows": rows, "overdue_hours": int(reconciliation.OVERDUE_AFTER.total_seconds() // 3600)}
