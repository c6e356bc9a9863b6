"""The review queue, bulk moderation and the shop's reply, as an order manager and as an attacker sees them."""

import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from shop.catalogue.reviews import reply_to_review, set_status
from shop.models import Order, Product, Review

PENDING, APPROVED, REJECTED = Review.Status.PENDING, Review.Status.APPROVED, Review.Status.REJECTED


@pytest.fixture
def manager_user(django_user_model, demo):
    user = django_user_model.objects.create_user("order-manager", "om@example.com", "pw")
    user.groups.add(Group.objects.get(name="Order managers"))
    return user


@pytest.fixture
def manager(client, manager_user):
    client.force_login(manager_user)
    return client


@pytest.fixture
def viewer_user(django_user_model, demo):
    """Admin access and view_review only: may read the queue, may not moderate or reply."""
    user = django_user_model.objects.create_user("review-viewer", "rv@example.com", "pw")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="view_review")
    )
    return user


def make_review(title, *, status=PENDING, slug="clinicred", body="Arrived quickly and works.", email="", **extra):
    product = Product.objects.get(slug=slug)
    return Review.objects.create(
        product=product, rating=4, title=title, body=body, author_name="Test Reviewer", email=email, status=status, **extra
    )


def bulk_url(action, *reviews):
    ids = "&".join(f"id={review.pk}" for review in reviews)
    return reverse("wagtail_bulk_action", args=("shop", "review", action)) + f"?{ids}&next=/admin/reviews/"


def reply_url(review):
    return reverse("wagtailsnippets_shop_review:reply", args=(review.pk,))


def review_block(page: str, review: Review) -> str:
    """The product page's <li> of one review."""
    start = page.index(f'id="review-{review.pk}"')
    return page[start: page.index("</li>", start)]


# The queue


def test_queue_shows_waiting_reviews_first_with_their_text_and_a_verified_badge(manager, make_order):
    order = make_order()
    Order.objects.filter(pk=order.pk).update(paid_at=timezone.now(), payment_status=Order.PaymentStatus.PAID)
    waiting = make_review(
        "Waiting one", body="Helped my sore shoulder after two weeks of daily use, " + "and more words " * 40,
        order_line=order.lines.get(), created_at=timezone.now() - timezone.timedelta(days=30),
    )
    newer = make_review("Approved newer one", status=APPROVED, body="Fine device.", email=order.email)  # typed, proves nothing

    page = manager.get("/admin/reviews/").content.decode()
    assert page.index("Waiting one") < page.index("Approved newer one")
    assert "Helped my sore shoulder after two weeks" in page
    assert "and more words " * 40 not in page  # truncated in the list
    row = page[page.index("Waiting one"):]
    row = row[: row.index("</tr>")]
    assert "Verified buyer" in row and "Waiting for moderation" in row
    other = page[page.index("Approved newer one"):]
    assert "Verified buyer" not in other[: other.index("</tr>")]
    assert not re.search(r">\s*(True|False)\s*<", page)

    # The moderator can change the order: newest first puts the approved review on top.
    page = manager.get("/admin/reviews/?ordering=-created_at").content.decode()
    assert page.index(newer.title) < page.index(waiting.title)
    # and filter to the waiting ones only
    page = manager.get("/admin/reviews/?status=pending").content.decode()
    assert waiting.title in page and newer.title not in page


def test_queue_does_not_query_per_review(manager):
    def count():
        with CaptureQueriesContext(connection) as captured:
            assert manager.get("/admin/reviews/").status_code == 200
        return len(captured)

    few = count()
    for n in range(10):
        make_review(f"Extra {n}", email=f"buyer{n}@example.com")
    assert count() <= few


# Bulk approve / reject


def test_confirmation_page_names_the_action_and_lists_the_reviews(manager):
    a, b = make_review("First to approve"), make_review("Second to approve")
    page = manager.get(bulk_url("approve", a, b)).content.decode()
    assert "Approve 2 reviews?" in page
    assert "First to approve" in page and "Second to approve" in page
    assert re.search(r'<button type="submit" class="button\s*">\s*Yes, approve 2 reviews\s*</button>', page)
    assert "No, don’t approve" in page

    page = manager.get(bulk_url("reject", a)).content.decode()
    assert "Reject 1 review?" in page
    assert re.search(r'class="button serious">\s*Yes, reject 1 review\s*</button>', page)


def test_bulk_approve_and_reject_are_logged_with_who_did_it(manager, manager_user):
    a, b, c = make_review("Approve me"), make_review("Me too"), make_review("Reject me")
    response = manager.post(bulk_url("approve", a, b), follow=True)
    assert "2 reviews approved." in response.content.decode()
    manager.post(bulk_url("reject", c))
    assert {r.title: r.status for r in Review.objects.filter(pk__in=[a.pk, b.pk, c.pk])} == {
        "Approve me": APPROVED, "Me too": APPROVED, "Reject me": REJECTED,
    }
    entries = ModelLogEntry.objects.filter(action="shop.review.moderated", object_id__in=[str(a.pk), str(b.pk), str(c.pk)])
    assert sorted((e.object_id, e.data["status"], e.user_id) for e in entries) == sorted(
        [(str(a.pk), "approved", manager_user.pk), (str(b.pk), "approved", manager_user.pk), (str(c.pk), "rejected", manager_user.pk)]
    )
    page = manager.get("/shop/clinicred/").content.decode()
    assert "Approve me" in page and "Reject me" not in page


def test_forged_bulk_post_without_change_review_changes_nothing(client, viewer_user, demo):
    review = make_review("Not yours to approve")
    client.force_login(viewer_user)
    page = client.get(bulk_url("approve", review)).content.decode()
    assert "You don't have permission to moderate these reviews" in page and "Yes, approve" not in page
    client.post(bulk_url("approve", review))
    review.refresh_from_db()
    assert review.status == PENDING
    assert not ModelLogEntry.objects.filter(action="shop.review.moderated").exists()


@pytest.mark.parametrize("query", ["?id=999999", "?id=abc", "?id="])
def test_bulk_post_with_bad_ids_is_a_4xx(manager, query):
    url = reverse("wagtail_bulk_action", args=("shop", "review", "approve")) + query
    assert manager.post(url).status_code in (400, 404)


def test_the_service_refuses_a_user_without_change_review(viewer_user):
    review = make_review("Service-level check")
    with pytest.raises(PermissionDenied):
        set_status([review.pk], APPROVED, user=viewer_user)
    with pytest.raises(PermissionDenied):
        reply_to_review(review_id=review.pk, text="Thanks!", user=viewer_user)
    review.refresh_from_db()
    assert review.status == PENDING and review.reply == ""


# The shop's reply


def test_reply_is_shown_under_the_review_and_logged(manager, manager_user, client):
    review = make_review("Replied to", status=APPROVED)
    assert manager.get("/admin/reviews/").content.decode().count(reply_url(review)) == 1
    response = manager.post(reply_url(review), {"reply": "Thank you for the kind words.\n\nWe are glad it arrived on time."})
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.replied_by == manager_user and review.replied_at is not None
    entry = ModelLogEntry.objects.get(action="shop.review.replied", object_id=str(review.pk))
    assert entry.user_id == manager_user.pk and "kind words" in entry.data["reply"]

    client.logout()
    block = review_block(client.get("/shop/clinicred/").content.decode(), review)
    reply = block[block.index("Reply from ClinicRed"):]
    assert "Thank you for the kind words." in reply and "We are glad it arrived on time." in reply
    assert "order-manager" not in block  # the staff member's login is not published


def test_reply_markup_is_shown_as_text(manager, client):
    review = make_review("Scripted reply", status=APPROVED)
    manager.post(reply_url(review), {"reply": "<script>alert(1)</script> <b>Thanks</b>"})
    block = review_block(client.get("/shop/clinicred/").content.decode(), review)
    assert "<script>alert(1)</script>" not in block and "<b>Thanks</b>" not in block
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in block


def test_a_reply_that_makes_a_claim_gets_the_disclaimer(manager, client):
    review = make_review("Claim in reply", status=APPROVED)
    manager.post(reply_url(review), {"reply": "Thanks! ClinicRed may help reduce muscle soreness after exercise."})
    block = review_block(client.get("/shop/clinicred/").content.decode(), review)
    reply = block[block.index("Reply from ClinicRed"):]
    assert re.search(r'<span class="claim"[^>]*aria-describedby="claim-reply-\d+-1">ClinicRed may help reduce muscle soreness', reply)
    assert 'class="disclaimer"' in reply and "individual results v" in reply


@pytest.mark.parametrize(
    "text, message",
    [
        ("Thank you! ClinicRed cures neuropathy.", "Forbidden wording"),
        ("Thanks! ClinicRed eases arthritis pain.", "Disease claim needs a citation or a verification record"),
    ],
)
def test_a_reply_with_forbidden_wording_is_refused_and_says_why(manager, client, text, message):
    review = make_review("Refused reply", status=APPROVED)
    response = manager.post(reply_url(review), {"reply": text})
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page and "ClinicRed" in page
    review.refresh_from_db()
    assert review.reply == "" and review.replied_at is None
    assert not ModelLogEntry.objects.filter(action="shop.review.replied").exists()
    assert text not in client.get("/shop/clinicred/").content.decode()


def test_a_user_without_change_review_cannot_reply(client, viewer_user):
    review = make_review("No reply allowed", status=APPROVED)
    client.force_login(viewer_user)
    for response in (client.get(reply_url(review)), client.post(reply_url(review), {"reply": "Forged reply"})):
        assert response.status_code == 302 and response.url == "/admin/"  # Wagtail's "no permission" redirect
    assert reply_url(review) not in client.get("/admin/reviews/").content.decode()
    review.refresh_from_db()
    assert review.reply == ""


def test_a_reply_to_a_waiting_review_is_not_public_and_an_empty_reply_removes_it(manager, manager_user, client):
    review = make_review("Still waiting")
    manager.post(reply_url(review), {"reply": "Thanks, we will look into it."})
    assert "we will look into it" not in client.get("/shop/clinicred/").content.decode()
    set_status([review.pk], APPROVED, user=manager_user)
    assert "we will look into it" in client.get("/shop/clinicred/").content.decode()
    manager.post(reply_url(review), {"reply": "  "})
    review.refresh_from_db()
    assert review.reply == "" and review.replied_by is None
    assert ModelLogEntry.objects.filter(action="shop.review.reply_removed", object_id=str(review.pk)).exists()
    assert "Reply from ClinicRed" not in review_block(client.get("/shop/clinicred/").content.decode(), review)


def test_replies_add_no_query_per_review(client, manager_user, django_capture_on_commit_callbacks):
    from django.core.cache import cache

    def count():
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/shop/clinicred/").status_code == 200
        return len(captured)

    first = make_review("One reply", status=APPROVED)
    reply_to_review(review_id=first.pk, text="Thanks for your review.", user=manager_user)
    client.get("/shop/clinicred/")
    few = count()
    with django_capture_on_commit_callbacks(execute=True):  # what a commit does: pages go stale
        for n in range(12):
            review = make_review(f"More replies {n}", status=APPROVED)
            reply_to_review(review_id=review.pk, text=f"Thanks for your review number {n}.", user=manager_user)
    page = client.get("/shop/clinicred/").content.decode()
    assert page.count("<strong>Reply from ClinicRed</strong>") == 10  # the first page of reviews
    assert client.get("/shop/clinicred/?page=2").content.decode().count("<strong>Reply from ClinicRed</strong>") == 3
    assert count() <= few


@pytest.fixture
def empty_memo():
    """No verdicts remembered in this process before the demo loads: earlier tests' stored verdicts were
    rolled back, and a remembered one would not be stored again."""
    from claims import learned

    learned.classifier()._memo.clear()


def test_a_reply_is_judged_when_it_is_saved_not_when_a_shopper_visits(empty_memo, client, manager_user, monkeypatch, django_capture_on_commit_callbacks):
    from django.core.cache import cache

    from claims import learned
    from claims.engine import encoder

    review = make_review("Judged on save", status=APPROVED)
    sentence = "Since then our customers sleep better after evening sessions."
    with django_capture_on_commit_callbacks(execute=True):
        reply_to_review(review_id=review.pk, text=f"Thanks! {sentence}", user=manager_user)
    asked: list[str] = []
    real = encoder.Encoder.encode
    monkeypatch.setattr(encoder.Encoder, "encode", lambda self, sentences, **kw: asked.extend(sentences) or real(self, sentences, **kw))
    learned.classifier()._memo.clear()
    cache.clear()
    assert sentence in client.get("/shop/clinicred/").content.decode()
    assert asked == []
