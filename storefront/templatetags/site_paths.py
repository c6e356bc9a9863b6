from django import template
from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

register = template.Library()

_paths: dict[tuple, str] = {}


@register.simple_tag
def path(name):
    """`{% url name %}` for a route without arguments, looked up once per process (and script prefix and URLconf):
    the header, the footer and the cart link the same few pages on every render."""
    key = (name, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
    found = _paths.get(key)
    if found is None:
        found = _paths[key] = reverse(name)
    return found
