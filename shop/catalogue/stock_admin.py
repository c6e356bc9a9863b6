"""Stock in Wagtail's admin: the listing, each product's stock page (figures, history of adjustments
and sales, newest first, paginated) and the adjustment form. The settings form edits the low-stock
threshold only; on hand changes by adjustments (shop/catalogue/stock.py) and sales."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.views.generic import InspectView
from wagtail.snippets.views import chooser
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Stock, StockMovement
from .stock import MAX_UNITS, StockAdjustmentError, adjust_stock

HISTORY_PER_PAGE = 25


class AdjustmentForm(forms.Form):
    kind = forms.ChoiceField(
        label="Adjustment",
        choices=[(kind.value, kind.label) for kind in StockMovement.ADJUSTMENTS],
        widget=forms.RadioSelect,
    )
    quantity = forms.IntegerField(
        label="Units",
        min_value=0,
        max_value=MAX_UNITS,
        help_text="Received and damaged or lost: how many units. Count correction: the number you counted, "
        "which becomes the figure on hand when you save (count only units free to sell).",
        error_messages={"invalid": "Enter a whole number of units."},
    )
    note = forms.CharField(label="Note", max_length=500, widget=forms.Textarea(attrs={"rows": 3}),
                           help_text="Why: delivery reference, what was damaged, who counted.")


class StockInspectView(InspectView):
    """A product's stock: the figures, the adjust button and the history of every change."""

    template_name = "shop/admin/stock_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        movements = self.object.movements.select_related("user", "order")
        history = Paginator(movements, HISTORY_PER_PAGE).get_page(self.request.GET.get("p"))
        context.update(
            stock=self.object,
            history=history,
            items=history,  # for wagtailadmin/shared/pagination_nav.html
            elided_page_range=history.paginator.get_elided_page_range(history.number),
            can_adjust=self.request.user.has_perm("shop.change_stock"),
            can_see_orders=self.request.user.has_perm("shop.view_order") or self.request.user.has_perm("shop.change_order"),
        )
        return context


def adjust_view(request, pk: int, inspect_url_name: str):
    """The adjustment form; POST records it through adjust_stock and returns to the stock's history."""
    if not request.user.has_perm("shop.change_stock"):
        raise PermissionDenied
    stock = get_object_or_404(Stock.objects.select_related("product"), pk=pk)
    back = reverse(inspect_url_name, args=(stock.pk,))
    form = AdjustmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            movement = adjust_stock(
                stock_id=stock.pk, kind=data["kind"], quantity=data["quantity"], note=data["note"], user=request.user
            )
        except StockAdjustmentError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                f"{movement.get_kind_display()} recorded for {stock.product.name}: "
                f"{movement.change:+d}, {movement.on_hand_after} on hand now.",
            )
            return redirect(back)
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(request, "shop/admin/stock_adjust.html", {"stock": stock, "form": form, "back": back}, status=status)


def can_see_stock(user) -> bool:
    return user.has_perm("shop.view_stock") or user.has_perm("shop.change_stock")


class StockStaffOnly:
    """Wagtail's snippet chooser views check no permission; stock figures are for stock staff only."""

    def dispatch(self, request, *args, **kwargs):
        if not can_see_stock(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class StockChooserViewSet(chooser.SnippetChooserViewSet):
    choose_view_class = type("StockChooseView", (StockStaffOnly, chooser.ChooseView), {})
    choose_results_view_class = type("StockChooseResultsView", (StockStaffOnly, chooser.ChooseResultsView), {})
    chosen_view_class = type("StockChosenView", (StockStaffOnly, chooser.SnippetChosenView), {})
    chosen_multiple_view_class = type("StockChosenMultipleView", (StockStaffOnly, chooser.SnippetChosenMultipleView), {})
    create_view_class = type("StockChooserCreateView", (StockStaffOnly, chooser.SnippetCreateView), {})


class StockViewSet(SnippetViewSet):
    model = Stock
    icon = "list-ul"
    menu_label = "Stock"
    menu_order = 210
    add_to_admin_menu = True
    inspect_view_enabled = True
    inspect_view_class = StockInspectView
    list_display = [
        TitleColumn("product", label="Product", url_name="wagtailsnippets_shop_stock:inspect"),
        "on_hand", "low_stock_threshold", "is_low",
    ]
    copy_view_enabled = False
    chooser_viewset_class = StockChooserViewSet

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<int:pk>/adjust/", adjust_view, {"inspect_url_name": self.get_url_name("inspect")}, name="adjust"),
        ]


@hooks.register("register_log_actions")
def register_stock_log_actions(actions):
    actions.register_action("shop.stock.adjusted", "Adjust stock", "Stock adjusted")
