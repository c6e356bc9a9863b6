"""Admin form behaviour for content that carries verification records."""

from __future__ import annotations

from django.utils import timezone

from .validation import Evidence

RECORDS = "verifications"


class VerificationRecordsFormMixin:
    """For a WagtailAdminModelForm whose model has verification records in an InlinePanel ("verifications").

    The records' wording counts as evidence in the claim checks of the same submission, so an editor can
    attach a record and publish at once; who checked and when are set from the signed-in editor whenever
    a record is added or its content changes (never typed in).
    """

    def claim_evidence(self, references: frozenset[int] | None) -> Evidence:
        return Evidence(references=references, verified=self.verified_wording())

    def verified_wording(self) -> tuple[str, ...]:
        formset = self.formsets.get(RECORDS)
        if formset is None or not formset.is_valid():
            return ()
        return tuple(
            form.cleaned_data["covers"]
            for form in formset.forms
            if getattr(form, "cleaned_data", None) and not form.cleaned_data.get("DELETE") and form.cleaned_data.get("covers")
        )

    def save(self, commit=True):
        formset = self.formsets.get(RECORDS)
        user = getattr(self, "for_user", None)
        if formset is not None and user is not None and user.is_authenticated:
            today = timezone.localdate()
            for form in formset.forms:
                data = getattr(form, "cleaned_data", None) or {}
                if not data or data.get("DELETE"):
                    continue
                if form.instance.pk is None or set(form.changed_data) - {"ORDER", "DELETE"}:
                    form.instance.checked_by = user
                    form.instance.checked_on = today
        return super().save(commit)
