"""Admin panels of the content app."""

from __future__ import annotations

from wagtail.admin.panels import MultiFieldPanel
from wagtail.admin.templatetags.wagtailadmin_tags import formattedfield


class InlineFieldsPanel(MultiFieldPanel):
    """The plain fields of one InlinePanel entry (a reference), rendered by one flat template.

    Each FieldPanel would render its field through four nested templates and components; an article
    with 36 references has 288 of them, which made its edit view the slowest admin page. The children
    are still FieldPanels, so the form (fields, widgets, required-on-save) is Wagtail's own, and each
    field keeps Wagtail's markup: label, help text, errors and input. Fields inside an InlinePanel take
    no comments (Wagtail disables them there), so no comment button is rendered.
    """

    class BoundPanel(MultiFieldPanel.BoundPanel):
        template_name = "content/panels/inline_fields_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["fields"] = [self.field_context(child) for child in self.visible_children]
            return context

        @staticmethod
        def field_context(child) -> dict:
            editable = child.get_editable_context_data()
            return formattedfield(
                field=child.bound_field,
                rendered_field=editable["rendered_field"],
                show_label=False,
                help_text=child.help_text,
                help_text_id=editable["help_text_id"] if child.help_text else None,
                error_message_id=editable["error_message_id"],
                wrapper_id=editable["wrapper_id"],
                label_text=child.heading,
            )
