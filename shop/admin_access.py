"""Customer data stays with the staff whose job it is: two places where Wagtail shows objects to any
admin user, closed to users without a permission on the model.

* Snippet choosers: Wagtail's let every admin user browse every snippet (an editor could open
  /admin/snippets/choose/shop/order/ and read every order number). `PermissionCheckedChooserViewSet`
  answers 403 unless the user holds one of the model's permissions.
* Bulk actions: Wagtail's confirmation page lists by title the objects the user may not act on, so an
  editor asking to delete orders read their numbers. `bulk_action` answers 403 to a user with no
  permission on the model (pages keep Wagtail's own per-page checks).

tests/security/test_staff_isolation.py walks every admin URL as each staff group to keep it so.
"""

from __future__ import annotations

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.http import Http404
from wagtail.admin.views.bulk_action import index as wagtail_bulk_action
from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
    SnippetCreateView,
)

MODEL_PERMISSIONS = ["add", "change", "delete", "view"]


def has_model_permission(user, model) -> bool:
    """Whether the user holds any permission on the model (through its Wagtail permission policy)."""
    policy = policy_registry.get_by_type(model) or ModelPermissionPolicy(model)
    return policy.user_has_any_permission(user, MODEL_PERMISSIONS)


class ModelPermissionRequired:
    """A chooser view for users with a permission on its model; 403 for anyone else."""

    def dispatch(self, request, *args, **kwargs):
        if not has_model_permission(request.user, self.model_class):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class PermissionCheckedChooserViewSet(SnippetChooserViewSet):
    choose_view_class = type("ChooseView", (ModelPermissionRequired, ChooseView), {})
    choose_results_view_class = type("ChooseResultsView", (ModelPermissionRequired, ChooseResultsView), {})
    chosen_view_class = type("ChosenView", (ModelPermissionRequired, SnippetChosenView), {})
    chosen_multiple_view_class = type("ChosenMultipleView", (ModelPermissionRequired, SnippetChosenMultipleView), {})
    create_view_class = type("CreateView", (ModelPermissionRequired, SnippetCreateView), {})


def bulk_action(request, app_label: str, model_name: str, action: str):
    """Wagtail's bulk action view, for users with a permission on the model (see the module)."""
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        raise Http404 from None
    if not issubclass(model, Page) and not has_model_permission(request.user, model):
        raise PermissionDenied
    return wagtail_bulk_action(request, app_label, model_name, action)
