from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import ClaimRule, Disclaimer


class ClaimRuleViewSet(SnippetViewSet):
    model = ClaimRule
    icon = "tasks"
    menu_label = "Claim rules"
    list_display = ["rule_id", "category", "severity", "disclaimer_key", "enabled"]
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
