"""Order staff's admin: the orders listing and inspect page, the action forms, dashboard panels.

The buttons call shop/orders/staff.py; an order's status changes only through them (the generic edit
form shows it read-only)."""

from __future__ import annotations

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.panels import (
    FieldPanel,
    ObjectList,
    extract_panel_definitions_from_model_class,
)
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.views.generic import InspectView
from wagtail.models import ModelLogEntry
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_access import PermissionCheckedChooserViewSet
from .catalogue.models import Stock
from .orders import staff
from .orders.export import EXPORT_HEADINGS, LIST_EXPORT, OrderIndexView
from .orders.models import Order, TransitionNotAllowed
from .payments import stripe_api
from .payments.panels import ReconciliationPanel
from .pricing import cents_from_decimal, cents_to_decimal_string, format_money


class OrderFilterSet(WagtailFilterSet):
    created_at = django_filters.DateFromToRangeFilter(label="Placed between", widget=DateRangePickerWidget)

    class Meta:
        model = Order
        fields = ["status", "created_at"]


class OrderInspectView(InspectView):
    template_name = "shop/admin/order_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        order = self.object
        context.update(
            order=order,
            lines=order.lines.all(),
            refunds=order.refunds.select_related("created_by"),
            shipment=getattr(order, "shipment", None),
            timeline=ModelLogEntry.objects.for_instance(order).select_related("user").order_by("timestamp", "id"),
            actions=available_actions(order),
            can_act=self.request.user.has_perm("shop.change_order"),
        )
        return context


def available_actions(order: Order) -> list[tuple[str, str]]:
    found = []
    if order.can_transition(Order.Status.FULFILLED) and not hasattr(order, "shipment"):
        found.append(("fulfil", "Mark fulfilled"))
    if order.paid_at is not None and order.refundable_cents > 0:
        found.append(("refund", "Refund"))
    if order.status == Order.Status.PENDING_PAYMENT:
        found.append(("cancel", "Cancel order"))
    found.append(("note", "Add note"))
    return found


class FulfilForm(forms.Form):
    carrier = forms.ChoiceField(choices=[(c, c) for c in ("USPS", "UPS", "FedEx", "DHL")])
    tracking_number = forms.RegexField(regex=r"^[A-Za-z0-9 -]{6,40}$", max_length=40, error_messages={"invalid": "Letters, digits, spaces and dashes only (6–40)."})


class RefundForm(forms.Form):
    amount = forms.DecimalField(label="Amount (USD)", min_value=0.01, max_digits=9, decimal_places=2)
    restock = forms.BooleanField(label="Put the items back in stock", required=False)
    reason = forms.CharField(max_length=255, required=False)

    def __init__(self, *args, order: Order, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["amount"].help_text = f"At most {format_money(order.refundable_cents)}."
        self.initial.setdefault("amount", cents_to_decimal_string(order.refundable_cents))

    def cents(self) -> int:
        return cents_from_decimal(self.cleaned_data["amount"])


class CancelForm(forms.Form):
    confirm = forms.BooleanField(label="Yes, cancel this unpaid order and put its items back in stock")


class NoteForm(forms.Form):
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), max_length=2000)


ACTIONS = {
    "fulfil": ("Mark fulfilled", FulfilForm),
    "refund": ("Refund", RefundForm),
    "cancel": ("Cancel order", CancelForm),
    "note": ("Add note", NoteForm),
}


def order_action(request, pk: int, action: str, inspect_url_name: str):
    """Confirmation form for one staff action; POST does it and records it in the timeline."""
    if not request.user.has_perm("shop.change_order"):
        raise PermissionDenied
    order = get_object_or_404(Order, pk=pk)
    title, form_class = ACTIONS[action]
    kwargs = {"order": order} if form_class is RefundForm else {}
    form = form_class(request.POST or None, **kwargs)
    back = reverse(inspect_url_name, args=(order.pk,))
    if request.method == "POST" and form.is_valid():
        try:
            _perform(action, order, form, request.user)
        except (staff.OrderActionError, TransitionNotAllowed, stripe_api.PaymentError) as error:
            messages.error(request, f"{title} failed: {error}")
        else:
            messages.success(request, f"{title}: done for order {order.number}.")
            return redirect(back)
    return TemplateResponse(
        request, "shop/admin/order_action.html", {"order": order, "form": form, "title": title, "back": back, "action": action}
    )


def _perform(action, order, form, user):
    data = form.cleaned_data
    if action == "fulfil":
        staff.fulfil(order_id=order.pk, carrier=data["carrier"], tracking_number=data["tracking_number"], user=user)
    elif action == "refund":
        staff.refund(order_id=order.pk, amount=form.cents(), restock=data["restock"], user=user, reason=data["reason"])
    elif action == "cancel":
        try:
            staff.cancel_unpaid(order.pk, user=user)
        except TransitionNotAllowed:
            raise staff.OrderActionError("Only an order waiting for payment can be cancelled.") from None
    elif action == "note":
        staff.add_note(order_id=order.pk, text=data["note"], user=user)


class OrderViewSet(SnippetViewSet):
    model = Order
    url_prefix = "orders"
    icon = "list-ul"
    menu_label = "Orders"
    menu_order = 100
    add_to_admin_menu = True
    inspect_view_enabled = True
    inspect_view_class = OrderInspectView
    list_display = [
        TitleColumn("number", label="Order", url_name="wagtailsnippets_shop_order:inspect"),
        "created_at", "full_name", "email", "total_display", "status", "payment_state",
    ]
    # CSV/XLSX export of the filtered list: one row per order line (shop/orders/export.py).
    index_view_class = OrderIndexView
    list_export = LIST_EXPORT
    export_headings = EXPORT_HEADINGS
    export_filename = "order-lines"
    filterset_class = OrderFilterSet
    search_fields = ["number", "email", "full_name"]
    ordering = ["-created_at"]
    list_per_page = 25
    copy_view_enabled = False
    chooser_viewset_class = PermissionCheckedChooserViewSet  # only for staff with an order permission

    def get_edit_handler(self):
        """Wagtail's generic form for the order, with the status read-only: it changes only through the
        actions above, which go through the order's state machine."""
        panels = [
            FieldPanel("status", read_only=True) if getattr(panel, "field_name", None) == "status" else panel
            for panel in extract_panel_definitions_from_model_class(Order, exclude=self.get_exclude_form_fields())
        ]
        return ObjectList(panels).bind_to_model(Order)

    def get_urlpatterns(self):
        inspect = self.get_url_name("inspect")
        return super().get_urlpatterns() + [
            path(f"<int:pk>/{action}/", order_action, {"action": action, "inspect_url_name": inspect}, name=action)
            for action in ACTIONS
        ]


class DashboardPanel(Component):
    order = 50
    template_name = "shop/admin/dashboard_panel.html"

    def __init__(self, title, rows, empty, order):
        self.title, self.rows, self.empty, self.order = title, rows, empty, order

    def get_context_data(self, parent_context=None):
        return {"title": self.title, "rows": self.rows, "empty": self.empty}


def dashboard_panels(request, panels):
    if not request.user.has_perm("shop.view_order") and not request.user.has_perm("shop.change_order"):
        return
    to_ship = Order.objects.filter(status__in=[Order.Status.PAID, Order.Status.PARTIALLY_REFUNDED]).exclude(shipment__isnull=False)[:20]
    panels.append(DashboardPanel(
        "Paid orders waiting to ship",
        [(reverse("wagtailsnippets_shop_order:inspect", args=(o.pk,)), f"{o.number} · {o.full_name} · {format_money(o.total_cents)} · {o.created_at:%Y-%m-%d}") for o in to_ship],
        "Nothing waiting to ship.", 10,
    ))
    attention = Order.objects.exclude(needs_attention="")[:20]
    panels.append(DashboardPanel(
        "Orders that need attention (disputes, late payments)",
        [(reverse("wagtailsnippets_shop_order:inspect", args=(o.pk,)), f"{o.number} · {o.get_status_display()} · {o.needs_attention}") for o in attention],
        "No disputes or problems.", 11,
    ))
    low = [s for s in Stock.objects.select_related("product") if s.is_low]
    panels.append(DashboardPanel(
        "Low stock",
        [(reverse("wagtailsnippets_shop_stock:edit", args=(s.pk,)), f"{s.product.name}: {s.on_hand} left (threshold {s.low_stock_threshold})") for s in low],
        "Every product is above its low-stock threshold.", 12,
    ))
    panels.append(ReconciliationPanel())
