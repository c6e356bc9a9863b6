from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import ClaimRule, Disclaimer


class ClaimRuleViewSet(SnippetViewSet):
    model = ClaimRule
    icon = "tasks"
    menu_label = "Claim rules"
    list_display = ["rule_id", "category", "severity", "disclaimer_key", "enabled", "time_budget"]
    list_filter = ["category", "severity", "enabled"]
    search_fields = ["rule_id", "phrases"]


class DisclaimerViewSet(SnippetViewSet):
    model = Disclaimer
    icon = "warning"
    menu_label = "Disclaimers"
    list_display = ["title", "key"]


class HealthClaimsGroup(SnippetViewSetGroup):
    items = (ClaimRuleViewSet, DisclaimerViewSet)
    menu_icon = "warning"
    menu_label = "Health claims"
    menu_name = "health-claims"
    menu_order = 300


register_snippet(HealthClaimsGroup)


from django.forms import Media  # noqa: E402
from wagtail import hooks  # noqa: E402
from wagtail.admin.userbar import ContentCheckerItem  # noqa: E402


class ClaimsContentChecker(ContentCheckerItem):
    """Wagtail's content checker (userbar and Checks panel) plus our rules: every claim on the rendered
    page must point at a disclaimer that exists and has text; and in a preview, no claim may be one the
    publish check refuses (claims.preview marks those)."""

    axe_run_only = ContentCheckerItem.axe_run_only + ["claim-has-disclaimer", "claim-forbidden-wording", "claim-without-evidence"]
    axe_custom_rules = ContentCheckerItem.axe_custom_rules + [
        {
            "id": "claim-has-disclaimer",
            "impact": "serious",
            "selector": "[data-claim]",
            "tags": ["best-practice"],
            "any": ["check-claim-disclaimer"],
            "enabled": True,
        },
        {
            "id": "claim-forbidden-wording",
            "impact": "critical",
            "selector": '[data-claim-problem-kind="forbidden"]',
            "tags": ["best-practice"],
            "any": ["check-claim-publishable"],
            "enabled": True,
        },
        {
            "id": "claim-without-evidence",
            "impact": "critical",
            "selector": '[data-claim-problem-kind="evidence"]',
            "tags": ["best-practice"],
            "any": ["check-claim-publishable"],
            "enabled": True,
        },
    ]
    axe_custom_checks = ContentCheckerItem.axe_custom_checks + [
        {"id": "check-claim-disclaimer"},
        {"id": "check-claim-publishable"},
    ]
    axe_messages = {
        **ContentCheckerItem.axe_messages,
        "claim-has-disclaimer": {
            "error_name": "Health claim without its disclaimer",
            "help_text": "Every health claim needs its medical disclaimer right after the paragraph",
        },
        "claim-forbidden-wording": {
            "error_name": "Health claim that cannot be published: forbidden wording",
            "help_text": "Rephrase it (no cure, guarantee or treatment promise); the Health claims panel names the phrase",
        },
        "claim-without-evidence": {
            "error_name": "Health claim that cannot be published: no citation",
            "help_text": "Add the marker of its reference, e.g. [1], or a verification record for the document",
        },
    }

    @property
    def media(self):
        return Media(js=["claims/js/claims-check.js"])


@hooks.register("construct_wagtail_userbar")
def add_claims_check(request, items, page):
    for index, item in enumerate(items):
        if isinstance(item, ContentCheckerItem) and not isinstance(item, ClaimsContentChecker):
            items[index] = ClaimsContentChecker(getattr(item, "in_editor", False))


@hooks.register("register_admin_urls")
def register_claims_scan_urls():
    from django.urls import path

    from . import views

    return [
        path("claims/scan/page/<int:page_id>/", views.scan_page, name="claims_scan_page"),
        path("claims/scan/page/add/<slug:app_label>/<slug:model_name>/<int:parent_id>/", views.scan_page, name="claims_scan_new_page"),
        path("claims/scan/<slug:app_label>/<slug:model_name>/<int:pk>/", views.scan_snippet, name="claims_scan_snippet"),
        path("claims/scan/<slug:app_label>/<slug:model_name>/", views.scan_snippet, name="claims_scan_new_snippet"),
    ]
