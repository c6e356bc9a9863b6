from django import template
from django.conf import settings
from wagtail.admin.templatetags.wagtailuserbar import wagtailuserbar

register = template.Library()


@register.simple_tag(takes_context=True)
def userbar(context, position="bottom-right"):
    """Wagtail's user bar for a signed-in editor. A visitor without a session cookie cannot be signed
    in, so their page skips loading the (anonymous) user just to find they may not see it."""
    request = context.get("request")
    if request is None or settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return ""
    return wagtailuserbar(context, position)
