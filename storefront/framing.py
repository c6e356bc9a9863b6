"""Who may show our pages in a frame: nobody, except the admin showing Wagtail's preview of a draft.

Every response says `X-Frame-Options: DENY` and `frame-ancestors 'none'` (settings). Wagtail renders a
preview (the editor's side panel, the Checks panel, "Preview in new tab") through a dummy request to the
page's own URL, flagged `is_preview`, inside its staff-only preview views; that response may be framed
by pages of this origin (the admin) and of no other.
"""


class SameOriginPreviewMiddleware:
    """Place it right after django-csp's middleware: it sees the response after the clickjacking
    middleware set DENY and before django-csp writes the policy."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "is_preview", False) and getattr(request, "is_dummy", False):
            response["X-Frame-Options"] = "SAMEORIGIN"
            response._csp_replace = {**(getattr(response, "_csp_replace", None) or {}), "frame-ancestors": ["'self'"]}
        return response
