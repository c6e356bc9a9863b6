"""Admin panels of the content app."""

from __future__ import annotations

import html

from django import forms
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.templatetags.wagtailadmin_tags import formattedfield

FIELD_HTML = (
    '<div class="w-panel__wrapper"><label class="w-field__label" for="{label_for}" id="{label_id}">{label}{required}</label>'
    '<div class="w-field__wrapper" id="{wrapper_id}" data-field-wrapper>'
    '<div class="w-field {classes}" data-field data-contentpath="{contentpath}">'
    '<div class="w-field__errors" data-field-errors id="{error_message_id}">{errors}</div>'
    '<div class="w-field__help"{help_text_id} data-field-help>{help}</div>'
    '<div class="w-field__input" data-field-input>{input}</div></div></div></div>'
)
CONTENT_MARK = mark_safe("<!-- entry fields -->")  # where an entry's fields go in its drawn-once furniture
REQUIRED_MARK = mark_safe('<span class="w-required-mark">*</span>')
ERRORS_HTML = (
    '<svg class="icon icon-warning w-field__errors-icon" aria-hidden="true"><use href="#icon-warning"></use></svg>'
    '<p class="error-message">{}</p>'
)


def _escaped(value) -> str:
    """conditional_escape without Django's lazy-string wrapper, which cost more than the escaping here."""
    return value.__html__() if hasattr(value, "__html__") else html.escape(str(value))


def _attributes(attrs: dict) -> str:
    """Django's attrs.html (as flatatt): a True value is written bare, False and None are left out."""
    return "".join(
        f" {key}" if value is True else f' {key}="{_escaped(value)}"'
        for key, value in attrs.items()
        if value is not None and value is not False
    )


class PlainInput:
    """An <input> written out directly, with the markup of Django's input template: a reference list
    has hundreds of these, and each template render costs more than the rest of its field."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        value = widget["value"]
        value_attribute = f' value="{_escaped(value)}"' if value is not None else ""
        return mark_safe(  # noqa: S308 - every value is escaped
            f'<input type="{_escaped(widget["type"])}" name="{_escaped(name)}"{value_attribute}{_attributes(widget["attrs"])}>'
        )


class TextInput(PlainInput, forms.TextInput):
    """Named as Django's, so that Wagtail's w-field--text_input styling applies."""


class URLInput(PlainInput, forms.URLInput):
    """Named as Django's, so that Wagtail's w-field--url_input styling applies."""


class HiddenInput(PlainInput, forms.HiddenInput):
    """A formset entry's id, ORDER and DELETE fields."""


class Select(forms.Select):
    """A <select> of plain choices written out directly, with the markup of Django's select and option
    templates (each option is a template include there)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        if any(group_name for group_name, _, _ in widget["optgroups"]):
            return super().render(name, value, attrs, renderer)
        options = "".join(
            f'<option value="{_escaped(option["value"])}"{_attributes(option["attrs"])}>{_escaped(option["label"])}</option>'
            for _, group, _ in widget["optgroups"]
            for option in group
        )
        return mark_safe(f'<select name="{_escaped(name)}"{_attributes(widget["attrs"])}>{options}</select>')  # noqa: S308 - escaped


class BlockWidget(blocks.BlockWidget):
    """Wagtail's StreamField widget with its block definitions (every block type's form, as the editor's
    script reads them) packed once per process and language, not on every edit view: they depend only
    on the code, and packing the article's took about a fifth of its edit view."""

    _packed: dict = {}

    def _build_block_json(self):
        key = (id(self.block_def), translation.get_language())
        if key not in self._packed:
            super()._build_block_json()
            self._packed[key] = (self.block_def, self._js_context, self._block_json)
        _, self._js_context, self._block_json = self._packed[key]


class StreamFieldPanel(FieldPanel):
    """A StreamField's panel, with its block definitions packed once (BlockWidget)."""

    def on_model_bound(self):
        super().on_model_bound()
        self.widget = BlockWidget(self.db_field.stream_block)


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
            return mark_safe("".join(self.field_html(child) for child in self.visible_children))  # noqa: S308 - escaped

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
            help_text_id, help_text = field["help_text_id"], field["help_text"]
            return FIELD_HTML.format(
                label_for=_escaped(field["label_for"]),
                label_id=_escaped(field["label_id"]),
                label=_escaped(field["label_text"]),
                required=REQUIRED_MARK if field["required"] else "",
                wrapper_id=_escaped(field["wrapper_id"]),
                classes=_escaped(classes),
                contentpath=_escaped(field["contentpath"]),
                error_message_id=_escaped(field["error_message_id"]),
                errors=ERRORS_HTML.format(_escaped(errors)) if errors else "",
                help_text_id=f' id="{_escaped(help_text_id)}"' if help_text_id else "",
                help=f'<div class="help">{_escaped(help_text)}</div>' if help_text else "",
                input=_escaped(field["rendered_field"]),
            )


class InlineFieldsInlinePanel(InlinePanel):
    """An InlinePanel whose entries are each an InlineFieldsPanel of its panels (rather than Wagtail's
    MultiFieldPanel, which renders each field through its own templates): for a long list of plain
    fields, such as an article's references."""

    @cached_property
    def child_edit_handler(self):
        panel = InlineFieldsPanel(self.panel_definitions, heading=self.heading)
        return panel.bind_to_model(self.db_field.related_model)

    class BoundPanel(InlinePanel.BoundPanel):
        template_name = "content/panels/inline_fields_panel.html"

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            if self.form is None:
                return
            for child in [*self.children, self.empty_child]:  # Wagtail's hidden inputs, written out directly
                for field in child.form.fields.values():
                    if type(field.widget) is forms.HiddenInput:
                        field.widget = HiddenInput(attrs=field.widget.attrs)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["children_html"] = self.children_html(context)
            return context

        def children_html(self, context) -> str:
            """Each entry in Wagtail's inline_panel_child.html furniture (its heading, move and delete
            buttons), drawn once for the empty entry and given each entry's prefix, as Wagtail's script
            does when an editor adds one; an entry with errors of its own is drawn in full."""
            template = "wagtailadmin/panels/inline_panel_child.html"
            empty_prefix = self.empty_child.form.prefix
            furniture = render_to_string(template, {**context, "child": _Entry(self.empty_child.form, CONTENT_MARK)})
            before, after = furniture.split(CONTENT_MARK)
            parts = []
            for child in self.children:
                if child.form.non_field_errors():
                    parts.append(render_to_string(template, {**context, "child": child}))
                    continue
                prefix = child.form.prefix
                parts += [before.replace(empty_prefix, prefix), child.render_form_content(), after.replace(empty_prefix, prefix)]
            return mark_safe("".join(parts))  # noqa: S308 - Wagtail's template output and rendered form fields


class _Entry:
    """An inline panel entry as inline_panel_child.html reads it, with stand-in content."""

    def __init__(self, form, content):
        self.form = form
        self.content = content

    def render_form_content(self):
        return self.content
