"""Order staff's admin: the orders listing and read-only inspect page, the action forms, dashboard panels.

No one has a form that edits or creates an order (OrderPermissionPolicy refuses add, change and delete
to everyone, superusers included, and those views answer 404). An order changes only through its
actions, each with its own permission (staff.ACTION_PERMISSIONS), checked here and used to show or hide
its button; each calls its service in shop/orders/staff.py."""

from __future__ import annotations

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import InspectView
from wagtail.models import ModelLogEntry
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_access import PermissionCheckedChooserViewSet
from .catalogue.models import Stock
from .orders import staff
from .orders.export import EXPORT_HEADINGS, LIST_EXPORT, OrderIndexView
from .orders.models import Order, TransitionNotAllowed
from .payments import stripe_api
from .payments.panels import ReconciliationPanel
from .pricing import cents_from_decimal, format_money


class OrderPermissionPolicy(ModelPermissionPolicy):
    """Django's model permissions for orders, except that no one may add, change or delete an order
    through a form: those actions are refused to every user, superusers included."""

    REFUSED = frozenset({"add", "change", "delete"})

    def user_has_permission(self, user, action):
        return action not in self.REFUSED and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission(set(actions) - self.REFUSED)


class OrderFilterSet(WagtailFilterSet):
    created_at = django_filters.DateFromToRangeFilter(label="Placed between", widget=DateRangePickerWidget)

    class Meta:
        model = Order
        fields = ["payment_status", "fulfilment_status", "status", "created_at"]


class StatusBadgeColumn(Column):
    """A status as a coloured badge (tone from shop_tags.status_tone), with its value in a data attribute."""

    cell_template_name = "shop/admin/status_badge_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        attr = "lifecycle" if self.name == "status" else self.name.removesuffix("_status")
        context.update(attr=attr, raw=getattr(instance, self.name), value=getattr(instance, f"get_{self.name}_display")())
        return context


class OrderInspectView(InspectView):
    template_name = "shop/admin/order_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        order = self.object
        context.update(
            order=order,
            lines=order.lines.all(),
            refunds=order.refunds.select_related("created_by").prefetch_related("lines__order_line"),
            shipment=order.shipment_or_none,
            timeline=ModelLogEntry.objects.for_instance(order).select_related("user").order_by("timestamp", "id"),
            actions=available_actions(order, self.request.user),
        )
        return context


def available_actions(order: Order, user) -> list[tuple[str, str]]:
    """The actions that make sense for the order now and that the user is allowed to do."""
    P = Order.PaymentStatus
    possible = [
        ("fulfil", "Mark fulfilled", not order.is_cancelled and order.payment_status in staff.FULFILLABLE
         and order.fulfilment_status == Order.FulfilmentStatus.UNFULFILLED),
        ("refund", "Refund", order.paid_at is not None and order.refundable_cents > 0 and order.payment_status != P.DISPUTED),
        ("cancel", "Cancel order", order.awaits_payment),
        ("resend", "Resend e-mail", order.paid_at is not None),
        ("note", "Add note", True),
    ]
    return [(action, label) for action, label, possible_now in possible if possible_now and user.has_perm(staff.ACTION_PERMISSIONS[action])]


class FulfilForm(forms.Form):
    carrier = forms.ChoiceField(choices=[(c, c) for c in ("USPS", "UPS", "FedEx", "DHL")])
    tracking_number = forms.RegexField(regex=r"^[A-Za-z0-9 -]{6,40}$", max_length=40, error_messages={"invalid": "Letters, digits, spaces and dashes only (6–40)."})

    def perform(self, order, user):
        staff.fulfil(order_id=order.pk, carrier=self.cleaned_data["carrier"], tracking_number=self.cleaned_data["tracking_number"], user=user)


class RefundForm(forms.Form):
    """A quantity to refund per line (at most what is not refunded yet), shipping, an extra amount.
    The amount is worked out on the server from these (staff.refund), never typed."""

    shipping = forms.BooleanField(required=False)
    extra = forms.DecimalField(label="Extra amount (USD)", required=False, min_value=0, max_digits=9, decimal_places=2,
                               help_text="Optional: a goodwill amount on top of the lines and shipping.")
    restock = forms.BooleanField(label="Put the refunded units back in stock", required=False)
    reason = forms.CharField(max_length=255, required=False)

    def __init__(self, *args, order: Order, **kwargs):
        super().__init__(*args, **kwargs)
        self.line_fields = []
        for line, left in staff.refundable_lines(order):
            name = f"line_{line.pk}"
            self.fields[name] = forms.IntegerField(
                label=f"{line.name} ({format_money(line.unit_price_cents)} each)", min_value=0, max_value=left, initial=0, required=False,
                help_text=f"{left} of {line.quantity} not refunded yet.", disabled=not left,
            )
            self.line_fields.append((name, line.pk))
        self.order_fields([name for name, _pk in self.line_fields] + ["shipping", "extra", "restock", "reason"])
        shipping_left = order.shipping_cents - order.shipping_refunded_cents()
        self.fields["shipping"].label = f"Refund shipping ({format_money(max(shipping_left, 0))})"
        self.fields["shipping"].disabled = shipping_left <= 0
        self.shipping_left = max(shipping_left, 0)
        self.refundable = order.refundable_cents

    def perform(self, order, user):
        data = self.cleaned_data
        staff.refund(
            order_id=order.pk,
            quantities={pk: data.get(name) or 0 for name, pk in self.line_fields},
            shipping_cents=self.shipping_left if data.get("shipping") else 0,
            extra_cents=cents_from_decimal(data["extra"]) if data.get("extra") else 0,
            restock=data["restock"],
            user=user,
            reason=data["reason"],
        )


class CancelForm(forms.Form):
    confirm = forms.BooleanField(label="Yes, cancel this unpaid order and put its items back in stock")

    def perform(self, order, user):
        try:
            staff.cancel_unpaid(order.pk, user=user)
        except TransitionNotAllowed:
            raise staff.OrderActionError("Only an order waiting for payment can be cancelled.") from None


class NoteForm(forms.Form):
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), max_length=2000)

    def perform(self, order, user):
        staff.add_note(order_id=order.pk, text=self.cleaned_data["note"], user=user)


class ResendForm(forms.Form):
    email = forms.ChoiceField(label="E-mail", choices=[("confirmation", "Order confirmation"), ("shipping", "Shipping notice")])

    def perform(self, order, user):
        staff.resend_email(order_id=order.pk, email=self.cleaned_data["email"], user=user)


ACTIONS = {
    "fulfil": ("Mark fulfilled", FulfilForm),
    "refund": ("Refund", RefundForm),
    "cancel": ("Cancel order", CancelForm),
    "note": ("Add note", NoteForm),
    "resend": ("Resend e-mail", ResendForm),
}


def order_action(request, pk: int, action: str, inspect_url_name: str):
    """Confirmation form for one staff action; POST does it and records it in the timeline."""
    if not request.user.has_perm(staff.ACTION_PERMISSIONS[action]):
        raise PermissionDenied
    order = get_object_or_404(Order, pk=pk)
    title, form_class = ACTIONS[action]
    kwargs = {"order": order} if form_class is RefundForm else {}
    form = form_class(request.POST or None, **kwargs)
    back = reverse(inspect_url_name, args=(order.pk,))
    if request.method == "POST" and form.is_valid():
        try:
            form.perform(order, request.user)
        except (staff.OrderActionError, TransitionNotAllowed, stripe_api.PaymentError) as error:
            messages.error(request, f"{title} failed: {error}")
        else:
            messages.success(request, f"{title}: done for order {order.number}.")
            return redirect(back)
    return TemplateResponse(
        request, "shop/admin/order_action.html", {"order": order, "form": form, "title": title, "back": back, "action": action}
    )


def no_order_form(request, *args, **kwargs):
    raise Http404("Orders are not edited through a form: use the actions on the order's page.")


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
        "created_at", "full_name", "email", "total_display",
        StatusBadgeColumn("payment_status", label="Payment"),
        StatusBadgeColumn("fulfilment_status", label="Fulfilment"),
        StatusBadgeColumn("status", label="Order"),
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

    # No form edits, creates or deletes an order, for anyone.
    add_view = property(lambda self: no_order_form)
    edit_view = property(lambda self: no_order_form)
    delete_view = property(lambda self: no_order_form)

    def get_permissions_to_register(self):
        """The group editor lists view and the actions' permissions, not add/change/delete."""
        return super().get_permissions_to_register().exclude(codename__in=["add_order", "change_order", "delete_order"])

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
    if not request.user.has_perm("shop.view_order"):
        return
    to_ship = Order.objects.filter(
        status=Order.Status.OPEN, payment_status__in=staff.FULFILLABLE, fulfilment_status=Order.FulfilmentStatus.UNFULFILLED
    )[:20]
    panels.append(DashboardPanel(
        "Paid orders waiting to ship",
        [(reverse("wagtailsnippets_shop_order:inspect", args=(o.pk,)), f"{o.number} · {o.full_name} · {format_money(o.total_cents)} · {o.created_at:%Y-%m-%d}") for o in to_ship],
        "Nothing waiting to ship.", 10,
    ))
    attention = Order.objects.exclude(needs_attention="")[:20]
    panels.append(DashboardPanel(
        "Orders that need attention (disputes, late payments)",
        [(reverse("wagtailsnippets_shop_order:inspect", args=(o.pk,)), f"{o.number} · {o.get_payment_status_display()} · {o.needs_attention}") for o in attention],
        "No disputes or problems.", 11,
    ))
    low = [s for s in Stock.objects.select_related("product") if s.is_low]
    panels.append(DashboardPanel(
        "Low stock",
        [(reverse("wagtailsnippets_shop_stock:inspect", args=(s.pk,)), f"{s.product.name}: {s.on_hand} left (threshold {s.low_stock_threshold})") for s in low],
        "Every product is above its low-stock threshold.", 12,
    ))
    panels.append(ReconciliationPanel())
