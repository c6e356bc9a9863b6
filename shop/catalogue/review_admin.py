"""Reviews in Wagtail's admin: the moderation queue (waiting reviews first, their text and photos, a
verified-buyer badge), bulk Approve/Reject with a confirmation page that names the action, and the shop's Reply.

The rules (who may, what is logged, which replies are refused) are in catalogue/reviews.py."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, Value, When
from django.shortcuts import get_list_or_404, get_object_or_404, redirect
from django.template.defaultfilters import pluralize
from django.template.response import TemplateResponse
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.ui.tables import Column, StatusFlagColumn, StatusTagColumn
from wagtail.admin.widgets.button import ListingButton
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from ..admin_access import PermissionCheckedChooserViewSet
from .models import Review
from .review_photos import remove_photo
from .reviews import ReplyRefused, reply_to_review, set_status, with_verified

WAITING_FIRST = "queue_rank"


class ReviewIndexView(IndexView):
    """Waiting reviews first, newest first within each status; a column header changes the order."""

    default_ordering = WAITING_FIRST

    def get_base_queryset(self):
        rank = Case(When(status=Review.Status.PENDING, then=Value(0)), default=Value(1), output_field=IntegerField())
        return (
            with_verified(super().get_base_queryset().select_related("product"))
            .annotate(queue_rank=rank)
            .prefetch_related("photos")  # the Photos column, one query for the page
        )

    def order_queryset(self, queryset):
        queryset = super().order_queryset(queryset)
        return queryset.order_by(*queryset.query.order_by, "-created_at", "-pk")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.request.user.has_perm("shop.change_review"):
            buttons.append(
                ListingButton(
                    "Edit reply" if instance.reply else "Reply",
                    url=reverse(self.get_reply_url_name(), args=(instance.pk,)),
                    icon_name="comment",
                    attrs={"aria-label": f"Reply to the review “{instance.title}”"},
                    priority=5,
                )
            )
            if instance.photos.all():
                buttons.append(
                    ListingButton(
                        "Photos", url=reverse(self.get_photos_url_name(), args=(instance.pk,)), icon_name="image",
                        attrs={"aria-label": f"Photos of the review “{instance.title}”"}, priority=6,
                    )
                )
        return buttons

    def get_photos_url_name(self):
        return self.index_url_name.replace(":list", ":photos")

    def get_reply_url_name(self):
        return self.index_url_name.replace(":list", ":reply")


class PhotosColumn(Column):
    """The review's photos as small thumbnails (full size on click): moderated with the review."""

    cell_template_name = "shop/admin/review_photos_cell.html"

    def get_value(self, instance):
        return list(instance.photos.all())  # prefetched with the page


class ReplyForm(forms.Form):
    reply = forms.CharField(
        label="Reply from the shop",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Shown under the review on the product page. Leave empty to remove the reply.",
    )


def reply_view(request, pk: int, list_url_name: str):
    """The shop's reply to one review: the claim checks run as for a product description, and a refused
    reply names the sentence and why."""
    if not request.user.has_perm("shop.change_review"):
        raise PermissionDenied
    review = get_object_or_404(Review.objects.select_related("product"), pk=pk)
    form = ReplyForm(request.POST or None, initial={"reply": review.reply})
    back = reverse(list_url_name)
    if request.method == "POST" and form.is_valid():
        try:
            reply_to_review(review_id=review.pk, text=form.cleaned_data["reply"], user=request.user)
        except ReplyRefused as refused:
            for message in refused.messages:
                form.add_error("reply", message)
        else:
            messages.success(request, f"Reply saved for “{review.title}”.")
            return redirect(back)
    return TemplateResponse(request, "shop/admin/review_reply.html", {"review": review, "form": form, "back": back})


def photos_view(request, pk: int, list_url_name: str):
    """A review's photos at full size, each with Remove (the review itself stays as it is)."""
    if not request.user.has_perm("shop.change_review"):
        raise PermissionDenied
    review = get_object_or_404(Review.objects.select_related("product"), pk=pk)
    if request.method == "POST":
        photo_id = request.POST.get("remove", "")
        if photo_id.isdigit() and review.photos.filter(pk=int(photo_id)).exists():
            remove_photo(photo_id=int(photo_id), user=request.user)
            messages.success(request, f"Photo removed from “{review.title}”.")
        return redirect(request.path)
    return TemplateResponse(
        request, "shop/admin/review_photos.html",
        {"review": review, "photos": list(review.photos.all()), "back": reverse(list_url_name)},
    )


class ReviewViewSet(SnippetViewSet):
    model = Review
    url_prefix = "reviews"
    icon = "comment"
    menu_label = "Reviews"
    menu_order = 220
    add_to_admin_menu = True
    index_view_class = ReviewIndexView
    chooser_viewset_class = PermissionCheckedChooserViewSet  # only for staff with a review permission
    list_display = [
        "title",  # the title column, with the row's buttons (Edit, Reply, ...)
        Column("excerpt", label="Text"),
        PhotosColumn("photos", label="Photos"),
        "product",
        "rating",
        StatusTagColumn(
            "get_status_display", label="Status", sort_key=WAITING_FIRST,
            primary=lambda review: review.status == Review.Status.PENDING,
        ),
        StatusFlagColumn("is_verified_buyer", label="Buyer", true_label="Verified buyer"),
        Column("claim_categories", label="Health claims"),
        "created_at",
    ]
    list_filter = ["status", "product", "rating", "is_sample"]
    search_fields = ["title", "body", "author_name", "email"]
    copy_view_enabled = False

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<int:pk>/reply/", reply_view, {"list_url_name": self.get_url_name("list")}, name="reply"),
            path("<int:pk>/photos/", photos_view, {"list_url_name": self.get_url_name("list")}, name="photos"),
        ]


register_snippet(ReviewViewSet)


class ModerateReviews(SnippetBulkAction):
    """Bulk approve or reject. The confirmation page names the action and lists the reviews; the
    execution goes through reviews.set_status with the signed-in user (audit log)."""

    models = [Review]
    template_name = "shop/admin/bulk_moderate.html"
    status = None

    def check_perm(self, obj):
        return self.request.user.has_perm("shop.change_review")

    @classmethod
    def get_queryset(cls, model, object_ids):
        """Wagtail's lookup, minus ids that are not numbers (a forged `?id=abc` is a 404, not a 500)."""
        return get_list_or_404(model, pk__in=[pk for pk in object_ids if str(pk).isdigit()])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        count = len(context["items"])
        verb = self.display_name
        context.update(
            verb=verb,
            question=f"{verb} {count} review{pluralize(count)}?",
            action_button_text=f"Yes, {verb.lower()} {count} review{pluralize(count)}",
            no_action_button_text=f"No, don’t {verb.lower()}",
            action_button_class="serious" if self.status == Review.Status.REJECTED else "",
        )
        return context

    @classmethod
    def execute_action(cls, objects, self=None, **kwargs):
        changed = set_status([review.pk for review in objects], cls.status, user=self.request.user)
        return changed, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return f"{num_parent_objects} review{pluralize(num_parent_objects)} {self.status_word}."


@hooks.register("register_bulk_action")
class ApproveReviews(ModerateReviews):
    display_name = "Approve"
    action_type = "approve"
    aria_label = "Approve the selected reviews"
    status = Review.Status.APPROVED
    status_word = "approved"
    action_priority = 10


@hooks.register("register_bulk_action")
class RejectReviews(ModerateReviews):
    display_name = "Reject"
    action_type = "reject"
    aria_label = "Reject the selected reviews"
    status = Review.Status.REJECTED
    status_word = "rejected"
    action_priority = 20


@hooks.register("register_log_actions")
def register_review_log_actions(actions):
    actions.register_action("shop.review.replied", "Reply", "Shop replied to the review")
    actions.register_action("shop.review.reply_removed", "Remove reply", "Shop removed its reply")
    actions.register_action("shop.review.photo_removed", "Remove photo", "A moderator removed a photo")
