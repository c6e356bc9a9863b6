"""Admin panels of the content app."""

from __future__ import annotations

from django import forms
from django.forms.utils import flatatt
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from wagtail.admin.panels import InlinePanel, MultiFieldPanel
from wagtail.admin.templatetags.wagtailadmin_tags import formattedfield

FIELD_HTML = (
    '<div class="w-panel__wrapper"><label class="w-field__label" for="{label_for}" id="{label_id}">{label}{required}</label>'
    '<div class="w-field__wrapper" id="{wrapper_id}" data-field-wrapper>'
    '<div class="w-field {classes}" data-field data-contentpath="{contentpath}">'
    '<div class="w-field__errors" data-field-errors id="{error_message_id}">{errors}</div>'
    '<div class="w-field__help"{help_text_id} data-field-help>{help}</div>'
    '<div class="w-field__input" data-field-input>{input}</div></div></div></div>'
)
REQUIRED_MARK = mark_safe('<span class="w-required-mark">*</span>')
ERRORS_HTML = (
    '<svg class="icon icon-warning w-field__errors-icon" aria-hidden="true"><use href="#icon-warning"></use></svg>'
    '<p class="error-message">{}</p>'
)


class PlainInput:
    """An <input> written out directly, with the markup of Django's input template: a reference list
    has hundreds of these, and each template render costs more than the rest of its field."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        value = widget["value"]
        return format_html(
            '<input type="{}" name="{}"{}{}>',
            widget["type"],
            name,
            format_html(' value="{}"', value) if value is not None else "",
            flatatt({key: val for key, val in widget["attrs"].items() if val is not None}),
        )


class TextInput(PlainInput, forms.TextInput):
    """Named as Django's, so that Wagtail's w-field--text_input styling applies."""


class URLInput(PlainInput, forms.URLInput):
    """Named as Django's, so that Wagtail's w-field--url_input styling applies."""


class InlineFieldsPanel(MultiFieldPanel):
    """The plain fields of one InlinePanel entry (a reference), in Wagtail's field markup built in one go.

    A FieldPanel renders its field through four nested templates and components; an article with 36
    references has 288 of them, which made its edit view the slowest admin page. The children are still
    FieldPanels, so the form (fields, widgets, required-on-save) and each field's context (label, help
    text, errors, described-by ids) are Wagtail's own (`formattedfield`); only the markup of
    wagtailadmin/shared/formatted_field.html is written out here. Fields inside an InlinePanel take no
    comments (Wagtail disables them there), so no comment button is rendered.
    """

    class BoundPanel(MultiFieldPanel.BoundPanel):
        def render_html(self, parent_context=None):
            return format_html_join("", "{}", ((self.field_html(child),) for child in self.visible_children))

        @staticmethod
        def field_html(child) -> str:
            editable = child.get_editable_context_data()
            field = formattedfield(
                field=child.bound_field,
                rendered_field=editable["rendered_field"],
                show_label=False,
                help_text=child.help_text,
                help_text_id=editable["help_text_id"] if child.help_text else None,
                error_message_id=editable["error_message_id"],
                wrapper_id=editable["wrapper_id"],
                label_text=child.heading,
            )
            classes = field["field_classname"] + (" w-field--error" if field["has_errors"] else "")
            errors = " ".join(str(error) for error in field["errors"])
            return format_html(
                FIELD_HTML,
                label_for=field["label_for"],
                label_id=field["label_id"],
                label=field["label_text"],
                required=REQUIRED_MARK if field["required"] else "",
                wrapper_id=field["wrapper_id"],
                classes=classes,
                contentpath=field["contentpath"],
                error_message_id=field["error_message_id"],
                errors=format_html(ERRORS_HTML, errors) if errors else "",
                help_text_id=format_html(' id="{}"', field["help_text_id"]) if field["help_text_id"] else "",
                help=format_html('<div class="help">{}</div>', field["help_text"]) if field["help_text"] else "",
                input=field["rendered_field"],
            )


class InlineFieldsInlinePanel(InlinePanel):
    """An InlinePanel whose entries are each an InlineFieldsPanel of its panels (rather than Wagtail's
    MultiFieldPanel, which renders each field through its own templates): for a long list of plain
    fields, such as an article's references."""

    @cached_property
    def child_edit_handler(self):
        panel = InlineFieldsPanel(self.panel_definitions, heading=self.heading)
        return panel.bind_to_model(self.db_field.related_model)
