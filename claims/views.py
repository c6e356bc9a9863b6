"""The Health claims panel's live re-scan: the edit form as typed in, checked without saving."""

from __future__ import annotations

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.views.decorators.http import require_POST
from wagtail.admin.panels import get_edit_handler
from wagtail.models import Page

from . import labels

MAX_BYTES = 1024 * 1024  # a 20-block article's form is well under 200 KB


def _too_large(request) -> bool:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > MAX_BYTES
    except ValueError:
        return True


@require_POST
def scan_page(request, page_id: int | None = None, parent_id: int | None = None, app_label: str = "", model_name: str = ""):
    """Findings for a page's edit form (`page_id`) or for a new page under `parent_id`."""
    if _too_large(request):
        return JsonResponse({"error": f"The form is larger than {MAX_BYTES // 1024} KB."}, status=413)
    if page_id is not None:
        page = get_object_or_404(Page, pk=page_id).get_latest_revision_as_object()
        if not page.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
        parent = page.get_parent()
    else:
        parent = get_object_or_404(Page, pk=parent_id)
        model = _model(app_label, model_name)
        if not issubclass(model, Page) or not parent.permissions_for_user(request.user).can_add_subpage():
            raise PermissionDenied
        page = model()
    form_class = page.get_edit_handler().get_form_class()
    form = form_class(request.POST, request.FILES, instance=page, parent_page=parent, for_user=request.user)
    return _respond(request, form)


@require_POST
def scan_snippet(request, app_label: str, model_name: str, pk: int | None = None):
    """Findings for a snippet's edit form (a product), or for a new one when `pk` is None."""
    if _too_large(request):
        return JsonResponse({"error": f"The form is larger than {MAX_BYTES // 1024} KB."}, status=413)
    model = _model(app_label, model_name)
    action = "change" if pk is not None else "add"
    if not request.user.has_perm(f"{model._meta.app_label}.{action}_{model._meta.model_name}"):
        raise PermissionDenied
    instance = get_object_or_404(model, pk=pk) if pk is not None else model()
    if hasattr(instance, "get_latest_revision_as_object"):
        instance = instance.get_latest_revision_as_object()
    form_class = get_edit_handler(model).get_form_class()
    form = form_class(request.POST, request.FILES, instance=instance, for_user=request.user)
    return _respond(request, form)


def _model(app_label: str, model_name: str):
    try:
        return apps.get_model(app_label, model_name)
    except LookupError as missing:
        raise PermissionDenied from missing


def _respond(request, form):
    if not hasattr(form, "claims_report"):
        raise PermissionDenied
    try:
        report = form.claims_report()
    except (KeyError, ValueError, TypeError):  # a form missing its StreamField's counts, a garbled value
        return HttpResponseBadRequest("The form data is incomplete or malformed.")
    findings = report.findings
    html = render_to_string("claims/claims_findings.html", {"findings": findings, "skipped_rules": report.skipped_rules, "live": True}, request=request)
    return JsonResponse(
        {
            "count": len(findings),
            "blocking": len(report.blocking),
            "findings": [
                {
                    "where": finding.source.where,
                    "field": finding.source.field,
                    "block": finding.source.block,
                    "block_id": finding.source.block_id,
                    "sentence": finding.claim.text,
                    "label": labels.claim_label(finding.claim),
                    "phrases": [{"label": label, "words": words, "problem": words in finding.problem_words} for label, words in finding.labels],
                    "problem": finding.problem,
                    "disclaimer": str(finding.disclaimer),
                }
                for finding in findings
            ],
            "skipped_rules": report.skipped_rules,
            "html": html,
        }
    )
