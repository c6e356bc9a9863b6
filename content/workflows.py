"""The "Medical review" workflow task: a medical reviewer reads the draft's health claims and signs it off.

Approving credits the reviewer on the draft (`medically_reviewed_by`, `last_reviewed`) as a new revision,
before Wagtail finishes the workflow and publishes the latest revision: the published page carries the
credit and the history names the reviewer. Request changes sends the draft back with the comment.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from wagtail.models import AbstractGroupApprovalTask

MEDICAL_REVIEW = "Medical review"
MEDICAL_REVIEWERS = "Medical reviewers"
SIGN_OFF_ACTION = "content.medical_review.sign_off"


class MedicalReviewTask(AbstractGroupApprovalTask):
    """A group approval whose approve and request-changes steps show the draft's claims report."""

    def get_actions(self, obj, user):
        if user.is_superuser or self._user_in_groups(user):
            # Both open the step's form, which shows the claims report: nobody approves without seeing it.
            return [("reject", "Request changes", True), ("approve", "Approve", True)]
        return []

    def get_template_for_action(self, action):
        return "content/medical_review_action.html"

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve":
            page = task_state.workflow_state.content_object
            sign_off(page, user)
            # Finishing the workflow publishes this (cached) object's latest revision: the signed one.
            page.refresh_from_db()
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return (
            "Members of the chosen groups read the draft's health claims and approve it; approving credits "
            "them as the article's medical reviewer, with today's date."
        )

    class Meta:
        verbose_name = "medical review task"
        verbose_name_plural = "medical review tasks"


def sign_off(page, reviewer) -> None:
    """Save the latest draft again with the reviewer's credit, as the revision the workflow then publishes."""
    draft = page.specific.get_latest_revision_as_object()
    if not hasattr(draft, "record_medical_review"):
        return  # a page without review fields (the Learn index, say) is approved as it is
    draft.record_medical_review(reviewer, on=timezone.localdate())
    draft.save_revision(user=reviewer, log_action=SIGN_OFF_ACTION, changed=True)
