"""The "Medical review" workflow: an editor submits an article, a medical reviewer reads its claims report
and approves (the published revision carries the review credit) or sends it back with a comment."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry, WorkflowState
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from content.models import ArticlePage, Citation, LearnIndexPage
from content.workflows import MEDICAL_REVIEW, MEDICAL_REVIEWERS, MedicalReviewTask

OLD = "Red light may help reduce foot pain [1]."
NEW = "In one small trial, 60% of participants reported less foot pain after eight weeks [1]."
CITATION = {
    "authors": "Mayo Clinic Staff",
    "title": "Peripheral neuropathy",
    "publisher": "Mayo Clinic",
    "published": "2024",
    "kind": "web_page",
    "url": "",
    "doi": "",
    "study_type": "",
}


@pytest.fixture
def staff(django_user_model, demo):
    def member(username, group, **names):
        user = django_user_model.objects.create_user(username, f"{username}@example.com", "pw-for-tests", **names)
        user.groups.add(Group.objects.get(name=group))
        return user

    return member


@pytest.fixture
def editor(staff):
    return staff("claims-editor", "Editors")


@pytest.fixture
def reviewer(staff):
    return staff("medical-reviewer", MEDICAL_REVIEWERS)


@pytest.fixture
def article(editor):
    """A published article in the Learn section, written by the editor, never reviewed."""
    learn = LearnIndexPage.objects.get(slug="learn")
    page = ArticlePage(
        title="Light and feet",
        slug="light-and-feet",
        intro="What the studies say.",
        body=[("paragraph", RichText(f"<p>Foot pain is common. {OLD}</p>"))],
    )
    page.citations = [Citation(**CITATION)]
    learn.add_child(instance=page)
    page.save_revision(user=editor).publish(user=editor)
    return page


def edit_form(sentence: str, action: str, **fields) -> dict:
    return nested_form_data(
        {
            "title": "Light and feet",
            "slug": "light-and-feet",
            "intro": "What the studies say.",
            "author": "ClinicRed editorial team",
            "health_content": "on",
            "body": streamfield([("paragraph", rich_text(f"<p>Foot pain is common. {sentence}</p>"))]),
            "citations": inline_formset([CITATION]),
            "verifications": inline_formset([]),
            action: action,
            **fields,
        }
    )


def edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def submit(client, editor, article):
    client.force_login(editor)
    response = client.post(edit_url(article), edit_form(NEW, "action-submit"))
    assert response.status_code == 302, response.content.decode()[:2000]
    return article.current_workflow_task_state


def action_url(article, action: str, task_state) -> str:
    return reverse("wagtailadmin_pages:workflow_action", args=(article.pk, action, task_state.pk))


def test_the_learn_section_goes_through_medical_review(article):
    workflow = article.get_workflow()
    assert workflow.name == MEDICAL_REVIEW
    assert LearnIndexPage.objects.get(slug="learn").get_workflow() == workflow
    task = workflow.tasks.get().specific
    assert isinstance(task, MedicalReviewTask)
    assert list(task.groups.values_list("name", flat=True)) == [MEDICAL_REVIEWERS]


def test_submitting_waits_for_the_reviewer_and_publishes_nothing(client, editor, reviewer, article):
    task_state = submit(client, editor, article)
    assert task_state.task.name == MEDICAL_REVIEW
    live = ArticlePage.objects.get(pk=article.pk)
    assert OLD in live.body[0].value.source and NEW not in live.body[0].value.source
    # The editor cannot approve their own submission: Wagtail sends them back to the dashboard.
    response = client.post(action_url(article, "approve", task_state), {"comment": ""})
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    task_state.refresh_from_db()
    assert task_state.status == task_state.STATUS_IN_PROGRESS


def test_the_reviewer_sees_the_drafts_claims_before_approving(client, editor, reviewer, article):
    task_state = submit(client, editor, article)
    client.force_login(reviewer)

    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Awaiting your review" in dashboard and "Light and feet" in dashboard

    response = client.get(action_url(article, "approve", task_state))
    assert response.status_code == 200
    modal = json.loads(response.content)["html"]
    assert "Health claims in this draft" in modal
    assert "60% of participants reported less foot pain" in modal  # the draft's sentence, not the live one
    assert OLD not in modal


def test_approving_publishes_the_draft_with_the_reviewers_credit(client, editor, reviewer, article):
    task_state = submit(client, editor, article)
    client.force_login(reviewer)

    response = client.post(action_url(article, "approve", task_state), {"comment": ""})
    assert response.status_code == 302

    article.refresh_from_db()
    assert article.live and not article.has_unpublished_changes
    assert NEW in article.body[0].value.source
    assert article.medically_reviewed_by == "medical-reviewer"
    assert article.last_reviewed == timezone.localdate()
    published = article.live_revision.as_object()
    assert (published.medically_reviewed_by, published.last_reviewed) == ("medical-reviewer", timezone.localdate())
    assert article.live_revision.user == reviewer
    assert WorkflowState.objects.get(pk=task_state.workflow_state_id).status == WorkflowState.STATUS_APPROVED

    history = [(entry.action, entry.user) for entry in PageLogEntry.objects.filter(page=article).order_by("-timestamp", "-id")]
    assert history[:3] == [
        ("wagtail.publish", reviewer),
        ("wagtail.workflow.approve", reviewer),
        ("content.medical_review.sign_off", reviewer),
    ]

    client.logout()
    page = client.get(article.url).content.decode()
    assert "Medically reviewed by</dt><dd>medical-reviewer" in page
    assert "60% of participants" in page


def test_the_credit_is_the_reviewers_full_name_when_they_have_one(client, editor, staff, article):
    reviewer = staff("medical-reviewer", MEDICAL_REVIEWERS, first_name="Medical", last_name="Reviewer")
    task_state = submit(client, editor, article)
    client.force_login(reviewer)
    client.post(action_url(article, "approve", task_state), {"comment": ""})
    article.refresh_from_db()
    assert article.medically_reviewed_by == "Medical Reviewer"


def test_requesting_changes_returns_the_draft_to_the_editor_with_the_comment(client, editor, reviewer, article):
    task_state = submit(client, editor, article)
    client.force_login(reviewer)
    comment = "Name the trial's size in the sentence."

    response = client.post(action_url(article, "reject", task_state), {"comment": comment})
    assert response.status_code == 302

    article.refresh_from_db()
    assert OLD in article.body[0].value.source  # nothing published
    assert article.medically_reviewed_by == "" and article.last_reviewed is None
    assert article.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES

    client.force_login(editor)
    editor_page = client.get(edit_url(article)).content.decode()
    assert "Changes requested" in editor_page
    assert comment.replace("'", "&#x27;") in editor_page


def test_editors_cannot_type_a_review_credit(client, editor, article):
    client.force_login(editor)
    form = client.get(edit_url(article)).content.decode()
    assert 'name="medically_reviewed_by"' not in form and 'name="last_reviewed"' not in form
    assert "Filled in when a medical reviewer approves the article" in form

    response = client.post(
        edit_url(article),
        edit_form(OLD, "action-publish", medically_reviewed_by="claims-editor", last_reviewed="2026-01-01"),
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.medically_reviewed_by == "" and article.last_reviewed is None


def test_an_editor_can_still_publish_a_typo_fix_directly(client, editor, article):
    client.force_login(editor)
    response = client.post(edit_url(article), edit_form(OLD.replace("foot", "feet"), "action-publish"))
    assert response.status_code == 302
    article.refresh_from_db()
    assert "reduce feet pain" in article.body[0].value.source and article.live


def test_reviewers_may_open_only_what_waits_for_their_review(client, editor, reviewer, article):
    client.force_login(reviewer)
    assert client.get(edit_url(article)).status_code in (302, 403)  # not in review: not theirs to edit

    task_state = submit(client, editor, article)
    client.force_login(reviewer)
    assert client.get(edit_url(article)).status_code == 200
    assert client.get(action_url(article, "approve", task_state)).status_code == 200


def test_reviewers_may_publish_in_the_learn_section_and_nowhere_else(reviewer, article):
    """Approving publishes as the reviewer, so they may publish articles; not (un)publish the home page."""
    from content.models import HomePage

    assert article.permissions_for_user(reviewer).can_publish()
    home = HomePage.objects.get()
    assert not home.permissions_for_user(reviewer).can_publish()
    assert not home.permissions_for_user(reviewer).can_unpublish()
