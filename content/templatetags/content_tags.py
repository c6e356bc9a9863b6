"""Template tags of the content app's admin screens."""

from __future__ import annotations

from django import template

from claims.panels import ClaimsPanel

register = template.Library()


def _claims_panel(panel):
    if isinstance(panel, ClaimsPanel):
        return panel
    for child in getattr(panel, "children", ()):
        found = _claims_panel(child)
        if found:
            return found
    return None


@register.simple_tag(takes_context=True)
def draft_claims_report(context, page) -> str:
    """The Health claims panel of the page's editor, for its latest draft ("" if the page type has none)."""
    draft = page.specific.get_latest_revision_as_object()
    panel = _claims_panel(type(draft).get_edit_handler())
    if panel is None:
        return ""
    return panel.get_bound_panel(instance=draft, request=context.get("request")).render_html()
