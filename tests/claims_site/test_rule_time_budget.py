"""An editor cannot save a rule that backtracks catastrophically; a slow rule that is in the database
anyway is skipped within its budget, reported in the admin, and the page renders with the other rules."""

import time

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.urls import reverse

from claims import overruns, ruleset
from claims.engine.safe_regex import budget_for
from claims.models import ClaimRule

ARTICLE_URL = "/learn/red-light-therapy-for-peripheral-neuropathy/"
ISSUE_PATTERN = r"(\w+\s?)+ cures"
SLOW_PATTERN = r"(?:\w+|\s+|.)*\d{20}"  # slow on ordinary prose in the engine that runs rules


@pytest.fixture
def editor(client, django_user_model, demo):
    user = django_user_model.objects.create_user("rules-editor", "rules@example.com", "a-long-test-password")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return client


def rule_form(pattern, **changes):
    return {
        "rule_id": "editor-cures",
        "category": "cure",
        "severity": "forbidden",
        "disclaimer_key": "cure",
        "phrases": "",
        "patterns": pattern,
        "enabled": "on",
        "needs_subject": "on",
        "notes": "",
        **changes,
    }


def test_the_admin_refuses_a_pattern_that_backtracks_catastrophically(editor):
    before = ClaimRule.objects.count()
    response = editor.post(reverse("wagtailsnippets_claims_claimrule:add"), rule_form(ISSUE_PATTERN))
    assert response.status_code == 200
    html = response.content.decode()
    assert "can backtrack catastrophically" in html and "inside the repeated part" in html
    assert ClaimRule.objects.count() == before


def test_the_admin_saves_the_rewritten_pattern(editor):
    response = editor.post(reverse("wagtailsnippets_claims_claimrule:add"), rule_form(r"(?:\w+\s+){0,5}cures"))
    assert response.status_code == 302
    assert ClaimRule.objects.get(rule_id="editor-cures").pattern_list() == (r"(?:\w+\s+){0,5}cures",)


def test_model_validation_names_the_problem(demo):
    rule = ClaimRule(rule_id="editor-cures", category="cure", severity="forbidden", disclaimer_key="cure", patterns=ISSUE_PATTERN)
    with pytest.raises(ValidationError) as refused:
        rule.full_clean()
    (message,) = refused.value.message_dict["patterns"]
    assert ISSUE_PATTERN in message and "backtrack catastrophically" in message


def disclaimers(html):
    return html.count("data-disclaimer="), html.count("data-claim=")


def get_cold(client, url):
    """The page rendered with empty caches (no cached page, no annotated HTML, rules compiled anew)."""
    cache.clear()
    ruleset._compiled.clear()
    started = time.thread_time()  # this thread's CPU time: other processes on the machine do not count
    response = client.get(url)
    return response, time.thread_time() - started


def test_a_slow_rule_in_the_database_is_skipped_and_the_page_still_renders(
    client, demo, django_capture_on_commit_callbacks, caplog
):
    client.get(ARTICLE_URL)  # templates, URL resolvers and the like loaded once
    plain, plain_seconds = get_cold(client, ARTICLE_URL)
    with django_capture_on_commit_callbacks(execute=True):  # bypasses validation, as a fixture or shell would
        ClaimRule.objects.create(
            rule_id="editor-slow", category="disease", severity="disclaim", disclaimer_key="disease", patterns=SLOW_PATTERN
        )
    slowed, slow_seconds = get_cold(client, ARTICLE_URL)

    assert slowed.status_code == 200
    assert disclaimers(slowed.content.decode()) == disclaimers(plain.content.decode())
    assert overruns.of("editor-slow")["count"] == 1  # once, then it rests for the rest of the page
    assert "'editor-slow' ran over its time budget" in caplog.text
    # What it cost: its budget on one passage (the article's are well under 10,000 characters) ...
    assert ruleset.current()[0].guard.spent["editor-slow"] <= 1.5 * budget_for(10_000)
    # ... and on the clock, generously (unbounded, this rule takes seconds on each paragraph).
    assert slow_seconds < plain_seconds + 1, (slow_seconds, plain_seconds)


def test_the_admin_shows_a_rule_that_ran_over_until_it_is_saved(
    editor, article, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        rule = ClaimRule.objects.create(
            rule_id="editor-slow", category="disease", severity="disclaim", disclaimer_key="disease", patterns=SLOW_PATTERN
        )
    assert editor.get(ARTICLE_URL).status_code == 200

    listing = editor.get(reverse("wagtailsnippets_claims_claimrule:list")).content.decode()
    assert "Too slow 1×" in listing
    edit_url = reverse("wagtailsnippets_claims_claimrule:edit", args=(rule.pk,))
    edit_page = editor.get(edit_url).content.decode()
    assert 'data-rule-overruns="1"' in edit_page and "This rule was too slow 1 time" in edit_page
    page_editor = editor.get(reverse("wagtailadmin_pages:edit", args=(article.pk,))).content.decode()
    assert "data-skipped-rules" in page_editor and "editor-slow" in page_editor  # resting: not checked there

    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(edit_url, rule_form(r"\b\d{20}\b", rule_id="editor-slow", category="disease", severity="disclaim", disclaimer_key="disease"))
    assert response.status_code == 302
    assert overruns.of("editor-slow") is None
    assert "data-rule-overruns" not in editor.get(edit_url).content.decode()


def test_a_publish_check_that_could_not_run_a_rule_refuses_to_publish(demo, django_capture_on_commit_callbacks):
    """Failing closed: a forbidden-wording rule skipped for time must not let its wording through."""
    from claims.validation import blocking_messages

    with django_capture_on_commit_callbacks(execute=True):
        ClaimRule.objects.create(
            rule_id="editor-slow", category="cure", severity="forbidden", disclaimer_key="cure", patterns=SLOW_PATTERN
        )
    messages = blocking_messages(["Parcels leave our warehouse within one working day, whatever the weather."])
    assert messages == ["Claim rule “editor-slow” was too slow to check this text; ask whoever edits claim rules to fix it"]
