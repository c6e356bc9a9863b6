"""Wagtail's preview of a draft may be framed by the admin (same origin) and by no other site; every
public page refuses all framing; only signed-in staff get a preview; the preview marks the claims the
publish check would refuse, the public page never does."""

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from content.models import ArticlePage, LearnIndexPage

FORBIDDEN = "Red light therapy is guaranteed to cure neuropathy."
CLEAN = "Hands stiffen with age and warm up slowly."
UNCITED = "In one trial, 53% of patients with neuropathy reported less pain after red light therapy."


def csp_directives(response) -> dict:
    return dict((part.strip().split(" ", 1) + [""])[:2] for part in response["Content-Security-Policy"].split(";"))


@pytest.fixture
def editor_user(django_user_model, demo):
    user = django_user_model.objects.create_user("claims-editor", "claims-editor@example.com", "pw-for-tests")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def live_article(editor_user):
    """A published article whose live text is clean."""
    learn = LearnIndexPage.objects.get(slug="learn")
    article = ArticlePage(title="Light and hands", slug="light-and-hands", intro="What one small study measured.",
                          body=[("paragraph", RichText(f"<p>{CLEAN}</p>"))])
    learn.add_child(instance=article)
    article.save_revision(user=editor_user).publish()
    return article


def preview(client, article, sentence) -> tuple:
    """What the editor's preview panel loads for the draft with `sentence` as its one paragraph."""
    url = reverse("wagtailadmin_pages:preview_on_edit", args=(article.pk,))
    data = nested_form_data({
        "title": article.title, "slug": article.slug, "intro": article.intro, "author": "ClinicRed editorial team",
        "body": streamfield([("paragraph", rich_text(f"<p>{sentence}</p>"))]),
        "citations": inline_formset([]), "verifications": inline_formset([]),
    })
    answer = client.post(url, data)
    assert answer.json() == {"is_valid": True, "is_available": True}
    return url, client.get(url, {"in_preview_panel": "true"})


def test_public_pages_refuse_every_frame(client, live_article):
    for url in ["/", live_article.url, "/shop/"]:
        response = client.get(url)
        assert response.status_code == 200
        assert response["X-Frame-Options"] == "DENY"
        assert csp_directives(response)["frame-ancestors"] == "'none'"


def test_preview_may_be_framed_by_the_admin_and_no_other_site(client, editor_user, live_article):
    client.force_login(editor_user)
    _, response = preview(client, live_article, CLEAN)
    assert response.status_code == 200 and CLEAN in response.content.decode()
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    directives = csp_directives(response)
    assert directives["frame-ancestors"] == "'self'"  # no other origin, no wildcard
    assert directives["default-src"] == "'self'"  # the rest of the policy stays
    # The public page, asked for by the same signed-in editor, still refuses all framing.
    public = client.get(live_article.url)
    assert public["X-Frame-Options"] == "DENY" and csp_directives(public)["frame-ancestors"] == "'none'"


def test_anonymous_visitor_gets_no_preview(client, editor_user, live_article):
    client.force_login(editor_user)
    url, _ = preview(client, live_article, FORBIDDEN)
    client.logout()
    response = client.get(url, {"in_preview_panel": "true"})
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    assert FORBIDDEN not in response.content.decode()


def test_preview_marks_the_claim_the_publish_check_refuses_and_the_public_page_does_not(client, editor_user, live_article):
    client.force_login(editor_user)
    _, response = preview(client, live_article, FORBIDDEN)
    html = response.content.decode()
    marked = re.findall(r'<span class="claim"[^>]*data-claim-problem="([^"]*)" data-claim-problem-kind="(\w+)"', html)
    assert marked and marked[0][1] == "forbidden"
    assert "Forbidden wording" in marked[0][0] and "guaranteed" in marked[0][0]

    _, clean = preview(client, live_article, CLEAN)
    assert "data-claim-problem=" not in clean.content.decode()

    # Published with the forbidden sentence anyway (as a script could): the public page carries no marker.
    live_article.body = [("paragraph", RichText(f"<p>{FORBIDDEN}</p>"))]
    live_article.save_revision(user=editor_user).publish()
    client.logout()
    public = client.get(live_article.url).content.decode()
    assert 'data-claim="' in public and "data-claim-problem=" not in public


def test_checks_panel_carries_the_publishable_claim_rules(client, editor_user, live_article):
    client.force_login(editor_user)
    html = client.get(reverse("wagtailadmin_pages:edit", args=(live_article.pk,))).content.decode()
    config = re.search(r'<script id="checker-axe-configuration" type="application/json">(.*?)</script>', html, re.S)
    assert config, "the Checks panel has no axe configuration"
    for rule in ["claim-has-disclaimer", "claim-forbidden-wording", "claim-without-evidence"]:
        assert f'"{rule}"' in config.group(1)
    assert "Health claim that cannot be published: forbidden wording" in config.group(1)


def test_preview_marks_an_uncited_statistic_as_missing_evidence(client, editor_user, live_article):
    client.force_login(editor_user)
    _, response = preview(client, live_article, UNCITED)
    marked = re.findall(r'data-claim-problem="([^"]*)" data-claim-problem-kind="(\w+)"', response.content.decode())
    assert marked and marked[0][1] == "evidence" and "without a citation marker" in marked[0][0]
